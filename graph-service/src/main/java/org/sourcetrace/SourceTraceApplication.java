package org.sourcetrace;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** SourceTrace: a GraphQL service over Neo4j tracing counterfeit listings to their offline sources. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SourceTraceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SourceTraceApplication.class, args);
	}

}
