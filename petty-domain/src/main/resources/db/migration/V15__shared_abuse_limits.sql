-- Rate limits and the login throttle move from each server's memory into the database, so that N servers
-- enforce the configured rates, not N times them.

-- One token bucket per endpoint class and principal. Unlogged: a bucket is worth no WAL, and a crash that empties
-- the table forgives everyone once, as a restart did before. A server takes tokens a few at a time (a lease it
-- spends locally), so a request touches this table only now and then.
CREATE UNLOGGED TABLE rate_bucket (
    bucket_key text             PRIMARY KEY,
    tokens     double precision NOT NULL,
    updated_at timestamptz      NOT NULL,
    -- When the bucket will have refilled to its burst: from then on it says nothing and the sweep deletes it. Not
    -- indexed, so that a take updates its row in place (a HOT update: measured 10-20 % more takes a second with
    -- pgbench); the sweep reads the table, one row per active principal, every 10 minutes.
    full_at    timestamptz      NOT NULL
);

-- Refills the bucket to p_at, takes up to p_wanted whole tokens from it, and says how many it took and how many are
-- left (a fraction when none could be taken). The row lock makes concurrent takers from every server queue.
CREATE FUNCTION take_rate_tokens(p_key text, p_burst double precision, p_per_second double precision,
                                 p_wanted integer, p_at timestamptz,
                                 OUT granted integer, OUT tokens_left double precision)
LANGUAGE plpgsql AS $$
DECLARE
    available double precision;
BEGIN
    INSERT INTO rate_bucket (bucket_key, tokens, updated_at, full_at)
    VALUES (p_key, p_burst, p_at, p_at)
    ON CONFLICT (bucket_key) DO NOTHING;
    SELECT least(p_burst,
                 b.tokens + greatest(0, extract(epoch FROM p_at - b.updated_at)::double precision) * p_per_second)
      INTO available
      FROM rate_bucket b WHERE b.bucket_key = p_key FOR UPDATE;
    granted := least(p_wanted, floor(available))::integer;
    tokens_left := available - granted;
    UPDATE rate_bucket
       SET tokens = tokens_left,
           updated_at = greatest(updated_at, p_at),
           full_at = greatest(updated_at, p_at) + make_interval(secs => (p_burst - tokens_left) / p_per_second)
     WHERE bucket_key = p_key;
END
$$;

-- Login attempts that have not (yet) succeeded, one row per attempt and throttle key (a keyed email hash, a device
-- of an account, or a client address), kept for the throttle's 15-minute window.
CREATE TABLE login_attempt (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    throttle_key text        NOT NULL,
    attempted_at timestamptz NOT NULL
);
CREATE INDEX login_attempt_key ON login_attempt (throttle_key, attempted_at);
CREATE INDEX login_attempt_at ON login_attempt (attempted_at);
