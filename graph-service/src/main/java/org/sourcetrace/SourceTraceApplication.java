package org.sourcetrace;

import org.sourcetrace.ingest.ExportCommand;
import org.sourcetrace.ingest.ImportCommand;
import org.sourcetrace.support.EarlyEmbeddedNeo4j;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** SourceTrace: a GraphQL service over Neo4j tracing counterfeit listings to their offline sources. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SourceTraceApplication {

	public static void main(String[] args) {
		if (args.length > 0 && ImportCommand.NAME.equals(args[0])) {
			System.exit(ImportCommand.run(SourceTraceApplication.class, args));
		}
		if (args.length > 0 && ExportCommand.NAME.equals(args[0])) {
			System.exit(ExportCommand.run(SourceTraceApplication.class, args));
		}
		EarlyEmbeddedNeo4j.addTo(new SpringApplication(SourceTraceApplication.class)).run(args);
	}

}
