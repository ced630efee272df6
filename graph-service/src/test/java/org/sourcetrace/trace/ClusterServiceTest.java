package org.sourcetrace.trace;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClusterServiceTest {

	@Test
	void anIdentifierSharedByTwoKeepsItsBaseWeightOthersDivideItAndACrowdWeighsNothing() {
		assertThat(ClusterService.weight("PHONE", 2)).isEqualTo(0.8);
		assertThat(ClusterService.weight("ADDRESS", 2)).isEqualTo(0.5);
		assertThat(ClusterService.weight("ADDRESS", CrowdRule.MAX_SHARERS)).isCloseTo(0.5 / (CrowdRule.MAX_SHARERS - 1), within(1e-12));
		// a crowd weighs nothing: it is never followed
		assertThat(ClusterService.weight("ADDRESS", CrowdRule.MAX_SHARERS + 1)).isZero();
		assertThat(ClusterService.weight("PHONE", 51)).isZero();
	}

	@Test
	void independentLinksCombineWithoutExceedingOne() {
		List<ClusterService.Link> links = List.of(new ClusterService.Link("PHONE", Map.of(), 2, 0.8),
				new ClusterService.Link("EMAIL", Map.of(), 2, 0.8));
		assertThat(ClusterService.strength(links)).isCloseTo(0.96, within(1e-12));
		assertThat(ClusterService.strength(List.of())).isZero();
	}

}
