package org.sourcetrace.support.migration;

import org.neo4j.driver.Driver;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the schema migrations as soon as the driver exists, before anything else reads the graph. */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	@Bean
	SchemaMigrations schemaMigrations(Driver driver,
			@Value("${sourcetrace.migrations.location:classpath:schema/neo4j}") String location) {
		return new SchemaMigrations(driver, location);
	}

	@Bean
	InitializingBean schemaMigrationsRunner(SchemaMigrations migrations) {
		return migrations::migrate;
	}

}
