-- A collar changes hands; its readings do not. collar_pairing keeps which pet wore each collar for which of its
-- readings (by the collar's own timestamps): [readings_from, readings_until), open while the pet wears it.
-- A new pairing's window starts after everything the collar had stamped before, so what it sent for the
-- previous pet, even stamped ahead of the clock, can never be seen, probed or overwritten by the next owner.
CREATE TABLE collar_pairing (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collar_id      text        NOT NULL REFERENCES collar (id),
    -- Deleting a pet deletes which readings were its: nobody can reach them through a pairing any more.
    pet_id         uuid        NOT NULL REFERENCES pet (id) ON DELETE CASCADE,
    paired_at      timestamptz NOT NULL,
    unpaired_at    timestamptz,
    readings_from  timestamptz NOT NULL,
    readings_until timestamptz,
    CHECK ((unpaired_at IS NULL) = (readings_until IS NULL)),
    CHECK (readings_until >= readings_from)
);
CREATE UNIQUE INDEX collar_pairing_current ON collar_pairing (collar_id) WHERE unpaired_at IS NULL;
CREATE INDEX collar_pairing_collar ON collar_pairing (collar_id, readings_from);
CREATE INDEX collar_pairing_pet ON collar_pairing (pet_id);

-- The collars paired today start their history now: older readings of theirs may be a previous owner's.
INSERT INTO collar_pairing (collar_id, pet_id, paired_at, readings_from)
SELECT id, pet_id, paired_at, paired_at FROM collar WHERE pet_id IS NOT NULL AND paired_at IS NOT NULL;

-- The earliest reading time a new pairing of the collar may claim: after the newest reading it stamped (readings
-- are at most an hour ahead of the clock, so only those from now on can be later than now) and after every
-- earlier pairing's window.
CREATE FUNCTION next_reading_time(collar text) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT greatest((SELECT max(ts) + interval '1 microsecond' FROM reading WHERE collar_id = collar AND ts >= now()),
                    (SELECT max(readings_until) FROM collar_pairing WHERE collar_id = collar));
$$;

-- However a collar loses its pet (unpaired, or its pet deleted), its device credential and its latest reading
-- go with it: whoever pairs it next starts from nothing.
CREATE FUNCTION forget_unpaired_collar() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.pet_id IS NULL AND OLD.pet_id IS NOT NULL THEN
        NEW.secret_hash := NULL;
        DELETE FROM latest_reading WHERE collar_id = NEW.id;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER collar_unpaired BEFORE UPDATE ON collar
    FOR EACH ROW EXECUTE FUNCTION forget_unpaired_collar();

-- The pet's time zone: its days (timeline, daytime) are local days.
ALTER TABLE pet ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) BETWEEN 1 AND 64);
