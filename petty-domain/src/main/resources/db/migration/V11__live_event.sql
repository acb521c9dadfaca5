-- The live log (io.petty.domain.live): what happened to a pet, numbered per pet, for the app's event stream and its
-- resumption. A pet's entries are numbered under the row lock of its live_event_seq row, so they commit in the order
-- of their numbers and a stream that read up to one number never misses an earlier one committed later. Kept 7 days.
CREATE TABLE live_event_seq (
    pet_id   uuid   PRIMARY KEY REFERENCES pet (id) ON DELETE CASCADE,
    last_seq bigint NOT NULL CHECK (last_seq > 0)
);
CREATE TABLE live_event (
    pet_id    uuid        NOT NULL REFERENCES pet (id) ON DELETE CASCADE,
    seq       bigint      NOT NULL CHECK (seq > 0),
    name      text        NOT NULL CHECK (name IN ('behavior.began', 'behavior.ended', 'alert.opened', 'alert.resolved')),
    data      jsonb       NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pet_id, seq)
);
-- Retention deletes by age.
CREATE INDEX live_event_logged ON live_event (logged_at);
