package org.sourcetrace.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Refuses to start anywhere but the embedded demo (profile {@code demo}) while its public credentials are in
 * use, or while nobody could sign in at all: a deployment that forgot to configure its users must not come up
 * looking secure.
 */
@Component
@ConditionalOnWebApplication // the import command signs nobody in
class SafeDefaults implements SmartInitializingSingleton {

	/** The demo users' passwords, published in the README. */
	static final List<String> DEMO_PASSWORDS = List.of("demo-investigator-gd", "demo-investigator-tj", "demo-analyst",
			"demo-system", "demo-admin");

	private final Environment environment;

	private final SecurityProperties properties;

	private final PasswordEncoder encoder;

	private final ObjectProvider<JwtDecoder> jwt;

	SafeDefaults(Environment environment, SecurityProperties properties, PasswordEncoder encoder,
			ObjectProvider<JwtDecoder> jwt) {
		this.environment = environment;
		this.properties = properties;
		this.encoder = encoder;
		this.jwt = jwt;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.environment.acceptsProfiles(Profiles.of("demo"))) {
			return;
		}
		String profiles = String.join(",", this.environment.getActiveProfiles());
		if (this.properties.users().isEmpty() && this.jwt.getIfAvailable() == null) {
			throw new IllegalStateException("Profile '" + profiles + "' has no users (sourcetrace.security.users) and no "
					+ "identity provider (spring.security.oauth2.resourceserver.jwt.*): nobody could sign in. Configure one "
					+ "(README: security), or run the demo profile.");
		}
		for (SecurityProperties.UserEntry user : this.properties.users()) {
			for (String demo : DEMO_PASSWORDS) {
				if (user.password() != null && this.encoder.matches(demo, user.password())) {
					throw new IllegalStateException("User '" + user.name() + "' has a demo password, which the README "
							+ "publishes; profile '" + profiles + "' refuses to start with it. Give them a password of their own.");
				}
			}
		}
	}

}
