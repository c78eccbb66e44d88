// Officers' accounts and their sign-in sessions (CONTRACT §5, issue 16): one account per
// username; a session is found by its id on every request that carries it (the token check,
// one indexed read), so the id is unique.
// Rules: C5 (an account may name its officer's resident id).
CREATE CONSTRAINT account_username IF NOT EXISTS
FOR (a:Account) REQUIRE a.username IS UNIQUE;

CREATE CONSTRAINT session_sid IF NOT EXISTS
FOR (s:Session) REQUIRE s.sid IS UNIQUE;

CREATE INDEX account_region IF NOT EXISTS
FOR (a:Account) ON (a.region);
