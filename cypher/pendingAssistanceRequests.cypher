// name: pendingAssistanceRequests
// description: Assistance requests between regions still pending after more than N days: requests
//   sent through the service (AssistanceRequest SENT or ACCEPTED, counted from when they were sent)
//   and imported ASSISTANCE_REQUEST actions still REQUESTED or IN_PROGRESS (counted from their date).
//   What to chase in the cross-region coordination; oldest first. Only requests sent from or to the
//   caller's regions, and imported actions of cases within them.
// param: minDays Integer 30 0..3650 - pending for more than this many days
// param: limit Integer 500 1..10000 - at most this many rows
// returns: record - REQUEST (an AssistanceRequest) or ACTION (an imported ASSISTANCE_REQUEST action)
// returns: id - its requestId or actionId
// returns: caseId - its case
// returns: kind - what is asked (INVESTIGATION, SERVICE, EXECUTION…); null for an imported action
// returns: status - its status
// returns: fromRegionCode - the region asking
// returns: toRegionCode - the region asked
// returns: since - when it was sent
// returns: dueOn - the due date, null if none
// returns: daysPending - whole days since it was sent
// reads: cases
OPTIONAL MATCH (q:AssistanceRequest)
WHERE (q.fromRegionCode IN $scopeCodes OR q.toRegionCode IN $scopeCodes) AND q.status IN ['SENT', 'ACCEPTED']
  AND q.createdAt < datetime() - duration({days: $minDays})
WITH collect(q {record: 'REQUEST', id: q.requestId, .caseId, .kind, .status, .fromRegionCode, .toRegionCode,
                since: q.createdAt, .dueOn}) AS requests
OPTIONAL MATCH (a:Action {type: 'ASSISTANCE_REQUEST'})-[:IN_CASE]->(c:Case)
WHERE a.status IN ['REQUESTED', 'IN_PROGRESS'] AND c.regionCode IN $scopeCodes
  AND a.at < datetime() - duration({days: $minDays})
OPTIONAL MATCH (a)-[:REQUESTED_BY]->(asking:Region)
OPTIONAL MATCH (a)-[:ASSIGNED_TO]->(asked:Region)
WITH requests, collect(a {record: 'ACTION', id: a.actionId, caseId: c.caseId, kind: null, .status,
                          fromRegionCode: asking.code, toRegionCode: asked.code, since: a.at, dueOn: null}) AS actions
UNWIND requests + actions AS x
RETURN x.record AS record, x.id AS id, x.caseId AS caseId, x.kind AS kind, x.status AS status,
       x.fromRegionCode AS fromRegionCode, x.toRegionCode AS toRegionCode, x.since AS since, x.dueOn AS dueOn,
       duration.inDays(x.since, datetime()).days AS daysPending
ORDER BY since, id
LIMIT $limit
