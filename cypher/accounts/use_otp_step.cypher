// Takes a TOTP time step for an account if it is later than the last one used: a code is
// good once (RFC 6238 §5.2, a replayed code is refused), also under concurrent sign-ins.
// Parameters: $username, $step (the code's time step).
// Returns: one row: fresh (whether the step was taken now).
// Rules: none (CONTRACT §5).
OPTIONAL MATCH (a:Account {username: $username})
WHERE coalesce(a.otp_step, -1) < $step
SET a.otp_step = $step
RETURN a IS NOT NULL AS fresh
