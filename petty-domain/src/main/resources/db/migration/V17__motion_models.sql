-- Motion classifier models: every version ever stored, with its artifact (Tribuo model + manifest, a ZIP) and the
-- manifest apart for listing; the one row of motion_model_activation says which every server serves. Activating
-- notifies every server on petty_security, which loads it within a second.
CREATE TABLE motion_model (
    version    text PRIMARY KEY,
    created_at timestamptz NOT NULL,
    stored_at  timestamptz NOT NULL,
    stored_by  text        NOT NULL,
    labels     text[]      NOT NULL,
    manifest   jsonb       NOT NULL,
    artifact   bytea       NOT NULL
);

CREATE TABLE motion_model_activation (
    only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version      text        NOT NULL REFERENCES motion_model (version),
    activated_at timestamptz NOT NULL,
    activated_by text        NOT NULL
);

CREATE TRIGGER motion_model_activated AFTER INSERT OR UPDATE ON motion_model_activation
    FOR EACH STATEMENT EXECUTE FUNCTION notify_security_change();

-- The confidence monitor: each server's rolling average confidence of the predictions it served, per model version,
-- written every few seconds; and the operator alerts it opens (at most one open per kind and subject).
CREATE TABLE motion_model_confidence (
    version         text             NOT NULL REFERENCES motion_model (version) ON DELETE CASCADE,
    server          text             NOT NULL,
    predictions     bigint           NOT NULL,
    rolling_average double precision NOT NULL,
    updated_at      timestamptz      NOT NULL,
    PRIMARY KEY (version, server)
);

CREATE TABLE operator_alert (
    id              bigserial PRIMARY KEY,
    kind            text        NOT NULL,
    subject         text        NOT NULL,
    opened_at       timestamptz NOT NULL,
    opened_detail   text        NOT NULL,
    resolved_at     timestamptz,
    resolved_detail text
);
CREATE UNIQUE INDEX operator_alert_one_open ON operator_alert (kind, subject) WHERE resolved_at IS NULL;
