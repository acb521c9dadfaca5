-- Petty baseline schema: who owns which pet, which collar a pet wears, and what collars report.

CREATE TABLE account (
    id          uuid        PRIMARY KEY,
    role        text        NOT NULL CHECK (role IN ('owner', 'admin', 'compliance_officer')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pet (
    id                   uuid        PRIMARY KEY,
    owner_id             uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name                 text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    species              text        NOT NULL CHECK (species IN ('dog', 'cat')),
    breed                text        CHECK (length(breed) <= 100),
    birth_date           date,
    weight_kg            numeric(5, 2) CHECK (weight_kg > 0),
    body_condition_score smallint    CHECK (body_condition_score BETWEEN 1 AND 9),
    -- Home geofence: centre and radius, all three or none.
    home_lat             double precision CHECK (home_lat BETWEEN -90 AND 90),
    home_lon             double precision CHECK (home_lon BETWEEN -180 AND 180),
    home_radius_m        integer     CHECK (home_radius_m > 0),
    created_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((home_lat IS NULL) = (home_lon IS NULL) AND (home_lat IS NULL) = (home_radius_m IS NULL))
);
CREATE INDEX pet_owner_idx ON pet (owner_id);

CREATE TABLE collar (
    id           text        PRIMARY KEY CHECK (id ~ '^[A-Z]{2}-[0-9]{3,6}$'),
    pet_id       uuid        REFERENCES pet (id) ON DELETE SET NULL,
    secret_hash  text,
    paired_at    timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collar_pet_idx ON collar (pet_id);

-- Readings are keyed by the collar's own clock, so a replayed reading is a no-op.
-- Coordinates are stored as integer micro-degrees: exact to 6 decimals and half the size of numeric.
-- Range-partitioned by day (UTC); partitions are made by ensure_reading_partition().
CREATE TABLE reading (
    collar_id      text        NOT NULL,
    ts             timestamptz NOT NULL,
    heart_rate     smallint    NOT NULL,
    activity_level smallint    NOT NULL,
    lat_e6         integer,
    lon_e6         integer,
    battery_pct    smallint,
    temperature_c  real,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collar_id, ts)
) PARTITION BY RANGE (ts);

-- The newest reading of each collar, kept current at ingest so the real-time view is one key lookup.
-- Same columns in the same order as reading: ingest copies rows across with INSERT ... SELECT *.
CREATE TABLE latest_reading (LIKE reading, PRIMARY KEY (collar_id));

-- Creates the partition holding one UTC day of readings unless it exists. Safe to call concurrently
-- from several server instances: the self-conflicting lock on the parent serialises creators without
-- blocking inserts, and (unlike an advisory lock) makes the waiter see the table the first one created.
CREATE FUNCTION ensure_reading_partition(day date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    partition_name text := format('reading_%s', to_char(day, 'YYYYMMDD'));
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    LOCK TABLE reading IN SHARE UPDATE EXCLUSIVE MODE;
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF reading FOR VALUES FROM (%L) TO (%L)',
                   partition_name, day::text || ' 00:00:00+00', (day + 1)::text || ' 00:00:00+00');
    RETURN true;
END;
$$;
