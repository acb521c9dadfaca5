-- Collars are made at the factory: `petty collars provision` stores each serial with the hashes of its device secret
-- (written into the collar) and of its claim code (printed on it). Pairing needs the claim code, so nobody can squat
-- a serial or learn which exist. The device secret is the collar's for life, across owners; no owner ever sees it.
-- Collars paired before this (no claim code) keep their pairing and secret; pairing one again needs it provisioned.
ALTER TABLE collar ADD COLUMN claim_code_hash bytea;

-- A collar that loses its pet keeps its factory secret (its next owner pairs the same device), but not its latest
-- reading: whoever pairs it next starts from nothing. Its device tokens end with the pairing (TokenPolicy).
CREATE OR REPLACE FUNCTION forget_unpaired_collar() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.pet_id IS NULL AND OLD.pet_id IS NOT NULL THEN
        DELETE FROM latest_reading WHERE collar_id = NEW.id;
    END IF;
    RETURN NEW;
END;
$$;
