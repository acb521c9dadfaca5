-- Every server remembers collars' pairing times (CollarPairings) and forgets one as soon as its row changes:
-- a pairing, an unpairing (also when its pet is deleted) or a new secret is announced on petty_security.
CREATE FUNCTION notify_collar_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('petty_security', 'collar:' || COALESCE(NEW.id, OLD.id));
    RETURN NULL;
END;
$$;
CREATE TRIGGER collar_changed AFTER INSERT OR UPDATE OR DELETE ON collar
    FOR EACH ROW EXECUTE FUNCTION notify_collar_change();
