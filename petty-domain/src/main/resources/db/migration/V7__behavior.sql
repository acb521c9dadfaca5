-- The behavior engine's tables: what it still has to analyse, where it is with each collar, and what it found.

-- Readings not analysed yet, announced by ingest in the same statement that stores them (an outbox): one row per
-- statement and collar, with the span of the new readings' timestamps. Rows are only ever inserted by ingest and
-- deleted by the engine once it has analysed them, so the two never wait for each other.
CREATE TABLE analysis_backlog (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collar_id text        NOT NULL,
    earliest  timestamptz NOT NULL,
    latest    timestamptz NOT NULL,
    CHECK (latest >= earliest)
);
CREATE INDEX analysis_backlog_collar ON analysis_backlog (collar_id);

-- Where the engine is with each collar: the unit of analysis in progress (one pet, one local day of the pet, within
-- one pairing window), the last reading it took in, and the detectors' state after it. A server analysing a collar
-- holds its row locked, so each collar is analysed by one server at a time.
CREATE TABLE analysis_cursor (
    collar_id        text        PRIMARY KEY,
    pet_id           uuid,
    unit_start       timestamptz,
    unit_end         timestamptz,
    analysed_through timestamptz,
    state            bytea,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- What the engine found: sessions and behaviors of a pet, each from its first to its last reading. The id is derived
-- from what the event is (pet, collar, detector, behavior, start), so analysing the same readings again finds the
-- same events under the same ids. An event the owner gave feedback on is never deleted by a later analysis.
CREATE TABLE behavior_event (
    id                 uuid        PRIMARY KEY,
    pet_id             uuid        NOT NULL REFERENCES pet (id) ON DELETE CASCADE,
    collar_id          text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('session', 'behavior')),
    behavior           text        NOT NULL CHECK (length(behavior) BETWEEN 1 AND 64),
    started_at         timestamptz NOT NULL,
    ended_at           timestamptz NOT NULL CHECK (ended_at >= started_at),
    confidence         double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    distance_m         double precision,
    detector           text        NOT NULL,
    detector_version   text        NOT NULL,
    -- The evidence, a JSON object of numbers and short strings.
    evidence           text        NOT NULL,
    -- Still growing: the last reading of its unit so far belongs to it.
    open               boolean     NOT NULL,
    -- When the owner last gave feedback on it, and the verdict of the latest feedback that had one.
    reviewed_at        timestamptz,
    owner_verdict      text        CHECK (owner_verdict IN ('correct', 'incorrect')),
    corrected_behavior text        CHECK (length(corrected_behavior) BETWEEN 1 AND 64),
    analysed_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX behavior_event_pet_start ON behavior_event (pet_id, started_at);
CREATE INDEX behavior_event_collar_start ON behavior_event (collar_id, started_at);
-- The few open events, without reading whole histories: a pet's (what it is doing now, the real-time view) and a
-- collar's (what an analysis that continues the collar's day may change).
CREATE INDEX behavior_event_open_of_pet ON behavior_event (pet_id) WHERE open;
CREATE INDEX behavior_event_open_of_collar ON behavior_event (collar_id) WHERE open;

-- A unit's day in numbers, kept current with its events: the timeline's summary without touching the readings.
-- A pet's local day has one row per unit: per collar it wore that day, and per pairing window.
CREATE TABLE behavior_day (
    pet_id         uuid             NOT NULL REFERENCES pet (id) ON DELETE CASCADE,
    collar_id      text             NOT NULL,
    unit_start     timestamptz      NOT NULL,
    day            date             NOT NULL,
    data_points    integer          NOT NULL CHECK (data_points >= 0),
    heart_rate_sum bigint           NOT NULL,
    heart_rate_min smallint         NOT NULL,
    heart_rate_max smallint         NOT NULL,
    active_ms      bigint           NOT NULL,
    rest_ms        bigint           NOT NULL,
    distance_m     double precision NOT NULL,
    analysed_at    timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (pet_id, collar_id, unit_start)
);
CREATE INDEX behavior_day_pet_day ON behavior_day (pet_id, day);
CREATE INDEX behavior_day_collar ON behavior_day (collar_id, unit_start);

-- What owners said of events: a verdict (and what it was instead), or only a note, as the original app sends it.
-- The note has personal data redacted before it is stored; the segment is whatever stretch of data the app attached.
CREATE TABLE feedback (
    id                 uuid        PRIMARY KEY,
    event_id           uuid        NOT NULL REFERENCES behavior_event (id) ON DELETE CASCADE,
    account_id         uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    verdict            text        CHECK (verdict IN ('correct', 'incorrect')),
    corrected_behavior text        CHECK (length(corrected_behavior) BETWEEN 1 AND 64),
    note               text        CHECK (char_length(note) <= 1000),
    segment            text        CHECK (octet_length(segment) <= 65536),
    observed_at        timestamptz,
    submitted_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_event ON feedback (event_id, submitted_at);
CREATE INDEX feedback_account ON feedback (account_id);
