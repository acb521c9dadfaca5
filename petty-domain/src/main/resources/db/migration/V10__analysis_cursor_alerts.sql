-- The alert rules of the pet wearing the collar (io.petty.domain.alerts.PetAlerts), saved with the cursor at the same
-- position as the detectors' state: whoever continues the cursor evaluates the readings after it once, as the
-- detectors take them in. Null until the collar's first pass since alerts exist: its earlier readings raise none.
ALTER TABLE analysis_cursor ADD COLUMN alert_state bytea;
