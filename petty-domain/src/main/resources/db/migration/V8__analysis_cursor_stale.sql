-- A pass that only grows what is already open in a collar's unit (a walk goes on) may leave the unit's stored open
-- events, day summary and cursor as they were, for up to petty.behavior.refresh: stale_since says since when they
-- have lagged the analysis (null: the cursor's state is where the analysis is, and the events are what it gives).
-- Whoever continues a stale cursor without the analysis in memory reads the unit's readings after it back. A periodic sweep on any server brings the ones left
-- longer up to date, so a collar that went quiet is not shown behind for ever. Not indexed: an index on it changes
-- with every store and deferral and so makes saving the cursor a non-HOT update (measured with single readings: 16 %
-- of cursor updates HOT with the index, 97 % without it and with the fillfactor below); the sweep scans the table
-- instead, a tenth of the refresh interval apart.
ALTER TABLE analysis_cursor ADD COLUMN stale_since timestamptz;
-- Passes rewrite their collars' cursors (a few hundred bytes of state) whenever they store or mark them stale: room on
-- each page for the new version keeps those updates HOT (no index entry written, old versions pruned in place).
ALTER TABLE analysis_cursor SET (fillfactor = 50);
