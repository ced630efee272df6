package org.sourcetrace.audit;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail (README: audit trail): the file, and the filter that records every request in it. The filter
 * comes before Spring Security's chain (order -100), so that what security refuses is recorded as well.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

	static final int FILTER_ORDER = -200;

	@Bean
	AuditTrail auditTrail(AuditProperties properties) {
		AuditTrail trail = new AuditTrail(properties.path(), properties.maxFileSize().toBytes(), properties.maxFiles(),
				Clock.systemUTC());
		if (properties.enabled()) {
			trail.start();
		}
		return trail;
	}

	@Bean
	FilterRegistrationBean<AuditFilter> auditFilter(AuditTrail trail, AuditProperties properties) {
		FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter(trail));
		registration.setName("auditFilter");
		registration.setOrder(FILTER_ORDER);
		registration.addUrlPatterns("/*");
		// ASYNC too: GraphQL over HTTP finishes its answer in an async dispatch
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		registration.setEnabled(properties.enabled());
		return registration;
	}

	/**
	 * Flushes and closes the trail at shutdown once the web server has finished its requests (its lifecycles stop
	 * in higher phases, so before this one) and before any bean is destroyed: before the driver and the database.
	 */
	@Bean
	SmartLifecycle auditFlushAtShutdown(AuditTrail trail) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				trail.close();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

			@Override
			public int getPhase() {
				return SmartLifecycle.DEFAULT_PHASE - 4096;
			}

		};
	}

}
