-- Readings the server refused, kept 14 days so that an operator can see why a collar's data is missing.
-- collar_id is the collar the device token speaks for (the reading's own collar_id may be the broken part);
-- payload is the reading as sent, cut to its first 4 KiB (a motion window is seldom needed to see the fault).
CREATE TABLE dead_letter (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now(),
    collar_id   text        NOT NULL,
    request_id  text        NOT NULL,
    item_index  integer,
    -- Why, as parallel lists: the field named by each broken rule, and the rule's message.
    error_fields   text[]   NOT NULL,
    error_messages text[]   NOT NULL,
    payload     text        NOT NULL
);
CREATE INDEX dead_letter_received_at ON dead_letter (received_at);
CREATE INDEX dead_letter_collar ON dead_letter (collar_id, id);

-- The first answer to a request sent with an Idempotency-Key, per caller, kept a day so that a retried request
-- is answered the same. A row without a status is a request still being processed.
CREATE TABLE idempotent_request (
    principal    text        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    status       smallint,
    body         text,
    PRIMARY KEY (principal, key)
);
CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at);
