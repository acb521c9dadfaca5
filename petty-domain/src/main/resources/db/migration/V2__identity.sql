-- Identity: credentials and encrypted personal data of accounts, the secret store, JWT signing keys,
-- refresh tokens and revocations, and the hash-chained audit log.

-- Email and display name are encrypted (AES-256-GCM); email_hmac is a keyed hash of the normalised
-- email, so that an account can be found by email without the email being readable.
ALTER TABLE account
    ADD COLUMN email_hmac              bytea,
    ADD COLUMN email_ciphertext        bytea,
    ADD COLUMN display_name_ciphertext bytea,
    ADD COLUMN password_hash           text;
CREATE UNIQUE INDEX account_email_hmac_key ON account (email_hmac);

-- A collar's device secret is 256 random bits; its SHA-256 is kept as bytes. No secret was ever stored.
ALTER TABLE collar ALTER COLUMN secret_hash TYPE bytea USING NULL;

-- Envelope encryption: each secret version has its own data key, wrapped by the master key.
CREATE TABLE secret (
    name             text        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9.-]{0,62}$'),
    version          integer     NOT NULL CHECK (version > 0),
    stage            text        NOT NULL CHECK (stage IN ('current', 'previous', 'retired')),
    wrapped_data_key bytea       NOT NULL,
    ciphertext       bytea       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version)
);
CREATE UNIQUE INDEX secret_one_current ON secret (name) WHERE stage = 'current';

-- RSA keys that sign access tokens: pending -> active -> retiring -> retired. One active at a time.
CREATE TABLE signing_key (
    kid                    text        PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{8,64}$'),
    status                 text        NOT NULL CHECK (status IN ('pending', 'active', 'retiring', 'retired')),
    public_key             bytea       NOT NULL,
    wrapped_data_key       bytea       NOT NULL,
    private_key_ciphertext bytea       NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    activated_at           timestamptz,
    -- Set when retiring: the key keeps verifying until every token it signed has expired.
    retire_after           timestamptz,
    retired_at             timestamptz
);
CREATE UNIQUE INDEX signing_key_one_active ON signing_key ((true)) WHERE status = 'active';

-- Refresh tokens are opaque; only their SHA-256 is kept. A family is one login's chain of rotations.
CREATE TABLE refresh_token (
    token_hash bytea       PRIMARY KEY,
    family_id  uuid        NOT NULL,
    account_id uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    groups     text[]      NOT NULL,
    scope      text        NOT NULL,
    state      text        NOT NULL CHECK (state IN ('active', 'spent', 'revoked')),
    issued_at  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_account_idx ON refresh_token (account_id);

-- Access tokens revoked before they expire, one by one (logout) or by family (refresh reuse).
-- Rows are useless once expires_at has passed and are deleted then.
CREATE TABLE revoked_token (
    jti        uuid        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE TABLE revoked_family (
    family_id  uuid        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

-- Append-only security log; each entry's hash covers the previous entry's hash.
CREATE TABLE audit_event (
    seq        bigint      PRIMARY KEY,
    at         timestamptz NOT NULL,
    type       text        NOT NULL,
    actor      text,
    subject    text,
    detail     text        NOT NULL,
    prev_hash  bytea       NOT NULL,
    hash       bytea       NOT NULL
);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- Lets every server instance learn at once of revocations and key changes (LISTEN petty_security):
-- the payload names the table and, for a revocation, what was revoked.
CREATE FUNCTION notify_security_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'revoked_token' THEN
        PERFORM pg_notify('petty_security', 'revoked_token:' || NEW.jti);
    ELSIF TG_TABLE_NAME = 'revoked_family' THEN
        PERFORM pg_notify('petty_security', 'revoked_family:' || NEW.family_id);
    ELSE
        PERFORM pg_notify('petty_security', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER signing_key_changed AFTER INSERT OR UPDATE OR DELETE ON signing_key
    FOR EACH STATEMENT EXECUTE FUNCTION notify_security_change();
CREATE TRIGGER revoked_token_added AFTER INSERT ON revoked_token
    FOR EACH ROW EXECUTE FUNCTION notify_security_change();
CREATE TRIGGER revoked_family_added AFTER INSERT ON revoked_family
    FOR EACH ROW EXECUTE FUNCTION notify_security_change();
