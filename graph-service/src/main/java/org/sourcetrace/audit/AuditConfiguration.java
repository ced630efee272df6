package org.sourcetrace.audit;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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

}
