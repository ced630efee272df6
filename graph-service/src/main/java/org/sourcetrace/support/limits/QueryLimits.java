package org.sourcetrace.support.limits;

import java.util.concurrent.atomic.AtomicInteger;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.parser.ParserOptions;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * graphql-java's own limits, configured: each refusal is a GraphQL error that names the limit, the value
 * asked and the value allowed, and nothing is executed. The explorer's introspection query stays within
 * them (graphql-java's standard introspection query and the explorer's browser test run under the defaults).
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

	QueryLimits(QueryLimitProperties limits) {
		// the parser's caps are process-wide defaults of graphql-java; set once from configuration
		ParserOptions.setDefaultOperationParserOptions(ParserOptions.getDefaultOperationParserOptions().transform(
				(options) -> options.maxCharacters(limits.maxCharacters()).maxTokens(limits.maxTokens())));
	}

	@Bean
	Instrumentation maxDepth(QueryLimitProperties limits) {
		return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
			@Override
			protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
				return new AbortExecutionException("The query is nested " + depth + " levels deep; at most " + maxDepth
						+ " are allowed (limit sourcetrace.graphql.limits.max-depth). Ask for less at once, or follow ids in a second query.");
			}
		};
	}

	@Bean
	Instrumentation maxComplexity(QueryLimitProperties limits) {
		return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), complexity()) {
			@Override
			protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
				return new AbortExecutionException("The query could return about " + complexity + " values; at most "
						+ maxComplexity + " are allowed (limit sourcetrace.graphql.limits.max-complexity; each `first` multiplies "
						+ "what is selected below it). Ask for smaller pages and page on.");
			}
		};
	}

	/** A field costs one plus what is below it, times its `first` when it has one (a page of that many). */
	static FieldComplexityCalculator complexity() {
		return (env, childComplexity) -> {
			Object first = env.getArguments().get("first");
			long times = (first instanceof Number n) ? Math.max(1, n.longValue()) : 1;
			return (int) Math.min(Integer.MAX_VALUE / 4, times * (1L + childComplexity));
		};
	}

	@Bean
	Instrumentation maxAliasesAndOperations(QueryLimitProperties limits) {
		return new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
					InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
				Document document = parameters.getExecutionContext().getDocument();
				long operations = document.getDefinitionsOfType(OperationDefinition.class).size();
				if (operations > limits.maxOperations()) {
					throw new AbortExecutionException("The document holds " + operations + " operations; at most "
							+ limits.maxOperations() + " are allowed (limit sourcetrace.graphql.limits.max-operations).");
				}
				int aliases = aliases(document);
				if (aliases > limits.maxAliases()) {
					throw new AbortExecutionException("The document uses " + aliases + " aliases; at most " + limits.maxAliases()
							+ " are allowed (limit sourcetrace.graphql.limits.max-aliases).");
				}
				return super.beginExecuteOperation(parameters, state);
			}
		};
	}

	static int aliases(Document document) {
		AtomicInteger count = new AtomicInteger();
		new NodeTraverser().preOrder(new NodeVisitorStub() {
			@Override
			public TraversalControl visitField(Field field, TraverserContext<graphql.language.Node> context) {
				if (field.getAlias() != null) {
					count.incrementAndGet();
				}
				return TraversalControl.CONTINUE;
			}
		}, document);
		return count.get();
	}

}
