-- Anti-patterns the sql-review skill looks for
SELECT * FROM events;                       -- unbounded, all columns
SELECT id FROM users WHERE lower(email) = $1; -- defeats the email index
