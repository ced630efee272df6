package org.sourcetrace.audit;

import java.time.OffsetDateTime;
import java.util.List;

import org.sourcetrace.security.Rules;
import org.sourcetrace.support.BadRequestException;
import org.sourcetrace.support.Connection;
import org.sourcetrace.support.Paging;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The audit trail, newest first, for administrators. A cursor is a record's position counted from the oldest,
 * not from the newest as in other lists: the trail grows with every request (this query's own included), and a
 * position from the newest would shift under a client paging back through it.
 */
@Controller
class AuditController {

	private final AuditReader reader;

	AuditController(AuditReader reader) {
		this.reader = reader;
	}

	@QueryMapping
	@Rules.Administers
	Connection<Object> auditTrail(@Argument String user, @Argument String operation, @Argument AuditOutcome outcome,
			@Argument OffsetDateTime from, @Argument OffsetDateTime to, @Argument Integer first, @Argument String after) {
		Paging paging = Paging.of(first, after, Paging.MAX_FIRST);
		if (from != null && to != null && !from.isBefore(to)) {
			throw new BadRequestException("to", "Argument 'to' must be later than 'from'.");
		}
		// Paging reads a cursor as "the item after this position"; here that is the position itself
		Integer before = (after != null) ? paging.offset() - 1 : null;
		AuditReader.Page page = this.reader.read(new AuditReader.Filter(user, operation, outcome, from, to), before,
				paging.limit());
		List<Connection.Edge<Object>> edges = page.items()
			.stream()
			.map((found) -> new Connection.Edge<Object>(Paging.cursor(found.position()), found.record(), null))
			.toList();
		List<AuditReader.Found> items = page.items();
		boolean older = !items.isEmpty() && items.getLast().position() > 0;
		boolean newer = !items.isEmpty() && items.getFirst().position() < page.total() - 1;
		Connection.PageInfo info = new Connection.PageInfo(older, newer,
				items.isEmpty() ? null : edges.getFirst().cursor(), items.isEmpty() ? null : edges.getLast().cursor());
		return new Connection<>(edges, info, page.total());
	}

}
