package org.sourcetrace.audit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code audit} part of {@code /actuator/health}: DOWN while the trail cannot be written (and so every request
 * but this check is refused), with the reason; UP with the file otherwise.
 */
@Component("audit")
class AuditHealthIndicator implements HealthIndicator {

	private final AuditTrail trail;

	private final AuditProperties properties;

	AuditHealthIndicator(AuditTrail trail, AuditProperties properties) {
		this.trail = trail;
		this.properties = properties;
	}

	@Override
	public Health health() {
		if (!this.properties.enabled()) {
			return Health.up().withDetail("enabled", false).build();
		}
		return this.trail.failure()
			.map((reason) -> Health.down().withDetail("file", this.trail.file().toString()).withDetail("reason", reason))
			.orElseGet(() -> Health.up().withDetail("file", this.trail.file().toString()))
			.build();
	}

}
