package org.sourcetrace.support.resilience;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The load guards in front of {@code /graphql} (README: operations), right after Spring Security's chain (order -100)
 * so they know the caller and so what they refuse is still in the audit trail (which comes before security).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ResilienceConfiguration {

	/** After Spring Security's filter chain: first the rate limit (a refused system takes no place), then the limit. */
	static final int RATE_LIMIT_ORDER = -99;

	static final int CONCURRENCY_LIMIT_ORDER = -98;

	/** Between the audit trail (-200) and Spring Security (-100). */
	static final int UNAVAILABLE_ANSWER_ORDER = -150;

	@Bean
	FilterRegistrationBean<UnavailableAnswer> unavailableAnswerRegistration(
			@Value("${sourcetrace.resilience.retry-after:2s}") Duration retryAfter) {
		FilterRegistrationBean<UnavailableAnswer> registration = new FilterRegistrationBean<>(new UnavailableAnswer(retryAfter.toSeconds()));
		registration.setName("unavailableAnswer");
		registration.setOrder(UNAVAILABLE_ANSWER_ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<GraphQlRateLimit> graphQlRateLimitRegistration(
			@Value("${sourcetrace.resilience.system-rate.limit:1000}") int limit,
			@Value("${sourcetrace.resilience.system-rate.period:1s}") Duration period) {
		FilterRegistrationBean<GraphQlRateLimit> registration = new FilterRegistrationBean<>(new GraphQlRateLimit(limit, period));
		registration.setName("graphQlRateLimit");
		registration.setOrder(RATE_LIMIT_ORDER);
		return registration;
	}

	@Bean
	GraphQlConcurrencyLimit graphQlConcurrencyLimit(@Value("${sourcetrace.resilience.graphql.max-concurrent:16}") int maxConcurrent,
			@Value("${sourcetrace.resilience.graphql.max-queued:100}") int maxQueued,
			@Value("${sourcetrace.resilience.graphql.max-wait:10s}") Duration maxWait,
			@Value("${sourcetrace.resilience.retry-after:2s}") Duration retryAfter) {
		return new GraphQlConcurrencyLimit(maxConcurrent, maxQueued, maxWait, retryAfter);
	}

	@Bean
	FilterRegistrationBean<GraphQlConcurrencyLimit> graphQlConcurrencyLimitRegistration(GraphQlConcurrencyLimit limit) {
		FilterRegistrationBean<GraphQlConcurrencyLimit> registration = new FilterRegistrationBean<>(limit);
		registration.setName("graphQlConcurrencyLimit");
		registration.setOrder(CONCURRENCY_LIMIT_ORDER);
		return registration;
	}

}
