// The write side of cases (mutations): assistance requests, the case timeline, idempotency keys.
CREATE CONSTRAINT assistance_request_key IF NOT EXISTS FOR (n:AssistanceRequest) REQUIRE n.requestId IS UNIQUE;
CREATE CONSTRAINT case_event_key IF NOT EXISTS FOR (n:CaseEvent) REQUIRE n.eventId IS UNIQUE;
CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.key IS UNIQUE;
CREATE INDEX case_event_case IF NOT EXISTS FOR (n:CaseEvent) ON (n.caseId);
CREATE INDEX assistance_from IF NOT EXISTS FOR (n:AssistanceRequest) ON (n.fromRegionCode);
CREATE INDEX assistance_to IF NOT EXISTS FOR (n:AssistanceRequest) ON (n.toRegionCode);
CREATE INDEX assistance_case IF NOT EXISTS FOR (n:AssistanceRequest) ON (n.caseId);
