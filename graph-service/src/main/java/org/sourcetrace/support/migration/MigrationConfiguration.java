package org.sourcetrace.support.migration;

import java.time.Duration;

import org.neo4j.driver.Driver;
import org.sourcetrace.support.resilience.UntilAvailable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the schema migrations as soon as the driver exists, before anything else reads the graph; a database that is not
 * there yet is waited for (sourcetrace.resilience.startup-wait), so a service started with its database does not crash.
 */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	@Bean
	SchemaMigrations schemaMigrations(Driver driver,
			@Value("${sourcetrace.migrations.location:classpath:schema/neo4j}") String location) {
		return new SchemaMigrations(driver, location);
	}

	@Bean
	InitializingBean schemaMigrationsRunner(SchemaMigrations migrations,
			@Value("${sourcetrace.resilience.startup-wait:60s}") Duration startupWait) {
		return () -> UntilAvailable.run("Schema migrations", startupWait, Duration.ofSeconds(2), migrations::migrate);
	}

}
