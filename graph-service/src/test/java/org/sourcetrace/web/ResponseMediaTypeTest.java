package org.sourcetrace.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseMediaTypeTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "NONE", value = {
			"NONE | application/json",
			"'' | application/json",
			"application/graphql-response+json | application/graphql-response+json",
			"application/graphql-response+json, application/json;q=0.9 | application/graphql-response+json",
			"application/json, application/graphql-response+json | application/json",
			"application/json;q=0.5, application/graphql-response+json | application/graphql-response+json",
			"*/*, application/graphql-response+json;q=0.2 | application/json",
			"application/graphql-response+json;q=0.2, */* | application/json",
			"*/*;q=0.1, application/graphql-response+json | application/graphql-response+json",
			"*/* | application/json",
			"application/* | application/json",
			"text/html, application/graphql-response+json;charset=utf-8 | application/graphql-response+json",
			"text/html | NONE",
			"application/json;q=0, text/plain | NONE",
			"*/*, application/json;q=0 | application/graphql-response+json",
			"this is not a type | NONE" })
	void picksTheBestAcceptableTypeOrNone(String accept, String expected) {
		assertThat(ResponseMediaType.select(accept).map(Object::toString).orElse(null)).isEqualTo(expected);
	}

}
