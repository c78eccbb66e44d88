// Reviews of open enrolments (issue 17, RULES P10): review ids unique (each Review is written
// once, with its CaseStep timeline, whose step ids 009 keeps unique, P12), and a township's
// reviews found by their township code (CONTRACT §4, GET /v1/reviews/{id}/notice.pdf).
// Rules: P10, P12.
CREATE CONSTRAINT review_id IF NOT EXISTS
FOR (r:Review) REQUIRE r.review_id IS UNIQUE;

CREATE RANGE INDEX review_township IF NOT EXISTS
FOR (r:Review) ON (r.township_code);
