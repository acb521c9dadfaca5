-- The audit chain becomes keyed (HMAC-SHA256 under the secret store's "audit-chain" key): someone who can write to
-- the database but has not the master key can no longer rewrite entries and their hashes to match. Entries made
-- before are marked unkeyed and still verify as the plain SHA-256 chain they are; the first keyed entry covers
-- their last hash, so they cannot be rewritten either.
ALTER TABLE audit_event ADD COLUMN keyed boolean NOT NULL DEFAULT false;

-- The newest entry's number and a MAC over it, moved by every append: entries removed from the head of the log
-- (the newest, which no later link covers) show as missing between the last entry and this.
CREATE TABLE audit_head (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    seq      bigint  NOT NULL,
    mac      bytea   NOT NULL
);

CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_head_kept BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
