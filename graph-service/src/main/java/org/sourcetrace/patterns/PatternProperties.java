package org.sourcetrace.patterns;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the saved patterns are and what one run may cost (README: saved patterns).
 *
 * @param location the folder of {@code *.cypher} files: {@code classpath:cypher/} (the reviewed library in the
 * jar) or a {@code file:} folder, which {@code reloadPatterns} re-reads without a restart
 * @param timeout how long one run may take before the database stops it
 * @param maxRows rows one run returns at most (more: {@code truncated})
 */
@ConfigurationProperties("sourcetrace.patterns")
record PatternProperties(@DefaultValue("classpath:cypher/") String location, @DefaultValue("10s") Duration timeout,
		@DefaultValue("10000") int maxRows) {
}
