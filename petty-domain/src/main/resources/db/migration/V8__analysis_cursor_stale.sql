-- A pass that only grows what is already open in a collar's unit (a walk goes on) saves the cursor but may leave the
-- unit's stored open events and day summary as they were, for up to petty.behavior.refresh: stale_since says since
-- when they have lagged the state (null: they are what it gives). A periodic sweep on any server brings the ones left
-- longer up to date, so a collar that went quiet is not shown behind for ever. The index holds only the stale few and
-- does not change while a cursor stays stale, so saving a cursor stays a HOT update.
ALTER TABLE analysis_cursor ADD COLUMN stale_since timestamptz;
CREATE INDEX analysis_cursor_stale ON analysis_cursor (stale_since) WHERE stale_since IS NOT NULL;
