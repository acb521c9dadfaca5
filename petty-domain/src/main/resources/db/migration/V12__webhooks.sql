-- Owners' webhook endpoints, and the outbox of deliveries to them (io.petty.domain.webhooks). A delivery row is
-- written in the transaction that opened or resolved the alert, and sent after it commits by whichever server leases
-- it first (FOR UPDATE SKIP LOCKED): a restart loses none, two servers send each once, and a server that dies while
-- sending leaves it to be sent again when its lease ends (receivers drop the duplicate by its id).
CREATE TABLE webhook_endpoint (
    id                uuid        PRIMARY KEY,
    account_id        uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    url               text        NOT NULL CHECK (length(url) <= 2000),
    -- The signing secret, sealed with a data key of the secret store (AES-GCM, the endpoint id as associated data).
    secret_ciphertext bytea       NOT NULL,
    -- The alert kinds it is sent (wire names); empty: every kind.
    kinds             text[]      NOT NULL DEFAULT '{}',
    -- Quiet hours in the pet's time zone: deliveries falling in them wait for their end.
    quiet_from        time,
    quiet_until       time,
    created_at        timestamptz NOT NULL DEFAULT now(),
    -- Set when the receiver answered 410 Gone: nothing more is sent to it.
    disabled_at       timestamptz,
    CHECK ((quiet_from IS NULL) = (quiet_until IS NULL) AND (quiet_from IS NULL OR quiet_from <> quiet_until))
);
CREATE INDEX webhook_endpoint_account ON webhook_endpoint (account_id);

CREATE TABLE webhook_delivery (
    -- Sent as webhook-id: the same on every attempt.
    id              uuid        PRIMARY KEY,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    pet_id          uuid        NOT NULL REFERENCES pet (id) ON DELETE CASCADE,
    event           text        NOT NULL,
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- When it is due: the next attempt, or the end of a lease while one server sends it.
    next_attempt_at timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_status     integer,
    last_error      text        CHECK (length(last_error) <= 500),
    delivered_at    timestamptz,
    abandoned_at    timestamptz
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at)
    WHERE delivered_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id);
