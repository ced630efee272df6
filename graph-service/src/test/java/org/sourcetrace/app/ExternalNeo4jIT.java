package org.sourcetrace.app;

import org.junit.jupiter.api.Test;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.driver.Driver;
import org.sourcetrace.support.TestNeo4j;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With NEO4J_URI set the service embeds nothing and talks to that server. */
@SpringBootTest
class ExternalNeo4jIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Autowired
	ApplicationContext context;

	@Test
	void nothingIsEmbeddedAndTheDriverReachesTheExternalServer() {
		assertThat(this.context.getBeansOfType(DatabaseManagementService.class)).isEmpty();
		TestNeo4j.database().executeTransactionally("MERGE (:Carrier {carrierId: 'external-proof', name: 'x'})");
		long seen = this.context.getBean(Driver.class)
			.executableQuery("MATCH (c:Carrier {carrierId: 'external-proof'}) RETURN count(c) AS c")
			.execute()
			.records()
			.getFirst()
			.get("c")
			.asLong();
		assertThat(seen).isEqualTo(1);
	}

}
