package org.sourcetrace.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * GraphQL over HTTP at {@code /graphql}: the largest request body (413 beyond it; uploads to /admin/imports have their
 * own multipart cap), how long a body may take to arrive (408 after it), and how long a system's own HTTP cache may
 * keep a successful GET lookup (never a shared cache; never a browser session's answer).
 */
@ConfigurationProperties("sourcetrace.graphql.http")
record GraphQlHttpProperties(@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue("10s") Duration bodyTimeout,
		@DefaultValue("60s") Duration getMaxAge) {

	GraphQlHttpProperties {
		if (maxRequestSize.toBytes() < 1 || bodyTimeout.isNegative() || bodyTimeout.isZero() || getMaxAge.isNegative()) {
			throw new IllegalArgumentException("sourcetrace.graphql.http.*: a positive size and body timeout, a max-age of 0 or more");
		}
	}

}
