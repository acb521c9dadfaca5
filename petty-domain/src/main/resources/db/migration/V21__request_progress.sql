-- How far the job of an export or erasure request is: files written of the archive, tables gone through by the
-- erasure. Written as the job goes, outside its own transaction, so that GET on the request shows it meanwhile.
ALTER TABLE export_request ADD COLUMN progress_done integer, ADD COLUMN progress_total integer,
    ADD CHECK (progress_done BETWEEN 0 AND progress_total);
ALTER TABLE erasure_request ADD COLUMN progress_done integer, ADD COLUMN progress_total integer,
    ADD CHECK (progress_done BETWEEN 0 AND progress_total);
