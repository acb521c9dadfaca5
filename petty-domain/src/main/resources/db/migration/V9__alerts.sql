-- Alert episodes: each opens once when its condition has held long enough, stays open while it holds, and resolves
-- when it has cleared (the rules in io.petty.domain.alerts). The id follows from what the episode is (pet, kind,
-- opening time), so evaluating the same readings again finds the same episode.
CREATE TABLE alert (
    id              uuid        PRIMARY KEY,
    pet_id          uuid        NOT NULL REFERENCES pet (id) ON DELETE CASCADE,
    collar_id       text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('left_home', 'high_resting_heart_rate', 'inactivity',
                                                         'low_battery', 'collar_silent')),
    opened_at       timestamptz NOT NULL,
    opened_detail   text        NOT NULL CHECK (length(opened_detail) <= 200),
    resolved_at     timestamptz CHECK (resolved_at >= opened_at),
    resolved_detail text        CHECK (length(resolved_detail) <= 200),
    acknowledged_at timestamptz,
    CHECK ((resolved_at IS NULL) = (resolved_detail IS NULL))
);
-- At most one open episode per pet and kind: a second opening while one is open is a bug, refused here too.
CREATE UNIQUE INDEX alert_open_of_pet ON alert (pet_id, kind) WHERE resolved_at IS NULL;
-- A pet's episodes by time: the alerts list, the timeline's day, the pet plan's last 7 days.
CREATE INDEX alert_pet_opened ON alert (pet_id, opened_at);
