package org.sourcetrace.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A deployment never starts with the demo's published passwords, nor with nobody able to sign in; the demo
 * profile does. The demo users are read from the shipped application-demo.yaml, so the check is against the
 * hashes that really ship.
 */
class SafeDefaultsTest {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void theDemoProfileStartsWithTheDemoUsers() {
		assertThatCode(() -> guard("demo", demoUsers(), false).afterSingletonsInstantiated()).doesNotThrowAnyException();
	}

	@Test
	void anyOtherProfileRefusesADemoPassword() {
		List<SecurityProperties.UserEntry> users = new ArrayList<>(List.of(own("li.wei", "a-password-of-her-own")));
		users.add(demoUsers().get(4));

		assertThatIllegalStateException().isThrownBy(() -> guard("prod", users, false).afterSingletonsInstantiated())
			.withMessageContaining("User 'admin' has a demo password")
			.withMessageContaining("profile 'prod'");
	}

	@Test
	void anyOtherProfileRefusesToStartWithNobodyToSignIn() {
		assertThatIllegalStateException().isThrownBy(() -> guard("prod", List.of(), false).afterSingletonsInstantiated())
			.withMessageContaining("nobody could sign in");
		assertThatCode(() -> guard("prod", List.of(), true).afterSingletonsInstantiated()).as("an identity provider")
			.doesNotThrowAnyException();
	}

	@Test
	void anyOtherProfileStartsWithUsersOfItsOwn() {
		assertThatCode(() -> guard("prod", List.of(own("li.wei", "a-password-of-her-own")), false)
			.afterSingletonsInstantiated()).doesNotThrowAnyException();
	}

	private SafeDefaults guard(String profile, List<SecurityProperties.UserEntry> users, boolean jwt) {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles(profile);
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		if (jwt) {
			beans.registerSingleton("jwtDecoder", (JwtDecoder) (token) -> {
				throw new UnsupportedOperationException();
			});
		}
		SecurityProperties properties = new SecurityProperties(users, new SecurityProperties.Jwt("roles", "region"), List.of(),
				Duration.ofSeconds(30));
		return new SafeDefaults(environment, properties, this.encoder, beans.getBeanProvider(JwtDecoder.class));
	}

	private SecurityProperties.UserEntry own(String name, String password) {
		return new SecurityProperties.UserEntry(name, this.encoder.encode(password), Set.of(Role.INVESTIGATOR), "440000");
	}

	/** The five users of application-demo.yaml, as shipped. */
	private static List<SecurityProperties.UserEntry> demoUsers() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application-demo.yaml"));
		Properties properties = yaml.getObject();
		List<SecurityProperties.UserEntry> users = new ArrayList<>();
		for (int i = 0; properties.containsKey("sourcetrace.security.users[" + i + "].name"); i++) {
			String prefix = "sourcetrace.security.users[" + i + "].";
			users.add(new SecurityProperties.UserEntry(properties.getProperty(prefix + "name"),
					properties.getProperty(prefix + "password"), Set.of(Role.valueOf(properties.getProperty(prefix + "roles[0]"))),
					properties.getProperty(prefix + "region")));
		}
		if (users.size() != SafeDefaults.DEMO_PASSWORDS.size()) {
			throw new AssertionError("application-demo.yaml has " + users.size() + " users");
		}
		return users;
	}

}
