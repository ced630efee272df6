package org.sourcetrace.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;

/**
 * GraphQL controller methods run on the thread that executes the request. With virtual threads on, Spring GraphQL
 * would hand every method with a blocking signature to another (virtual) thread and continue the request there, and
 * the HTTP layer would then finish it in an async dispatch: two hand-offs per request for nothing, since the request's
 * thread is itself a virtual thread that may block. Measured in bench/RESULTS.md (speed).
 */
@Configuration(proxyBeanMethods = false)
class SameThreadControllers {

	@Bean
	static BeanPostProcessor controllersOnTheRequestThread() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof AnnotatedControllerConfigurer configurer) {
					configurer.setBlockingMethodPredicate((method) -> false);
				}
				return bean;
			}
		};
	}

}
