// Counts one failed sign-in of an account; the `$lock_after`-th failure in a row locks it
// until `$now + $lock_for` and starts the count again (CONTRACT §5: five failures, 15
// minutes). The increment is one statement, so concurrent failures all count.
// Parameters: $username, $now (datetime), $lock_after, $lock_seconds.
// Returns: at most one row: locked (this failure locked it), locked_until.
// Rules: none (CONTRACT §5; GB/T 22239-2019 8.1.4.1 b, 登录失败处理).
MATCH (a:Account {username: $username})
SET a.failures = coalesce(a.failures, 0) + 1
WITH a, a.failures >= $lock_after AS locked
SET a.locked_until = CASE WHEN locked THEN $now + duration({seconds: $lock_seconds})
                          ELSE a.locked_until END,
    a.failures = CASE WHEN locked THEN 0 ELSE a.failures END
RETURN locked, a.locked_until AS locked_until
