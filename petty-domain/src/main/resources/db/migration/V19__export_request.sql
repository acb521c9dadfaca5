-- A data subject's export (GDPR Art. 15/20): who asked, about whom and why, the job that writes it, and the archive
-- as a large object (written and read as a stream, never whole in memory), downloadable by whoever asked until
-- expires_at; the retention job then unlinks the archive and keeps the request as evidence that it was answered.
CREATE TABLE export_request (
    id             uuid        PRIMARY KEY,
    subject_id     uuid        NOT NULL,
    requested_by   uuid        NOT NULL,
    reason         text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    requested_at   timestamptz NOT NULL,
    execution_id   bigint,
    archive        oid,
    archive_sha256 text,
    archive_bytes  bigint,
    completed_at   timestamptz,
    expires_at     timestamptz
);
CREATE INDEX export_request_subject ON export_request (subject_id);
CREATE INDEX export_request_expires ON export_request (expires_at) WHERE archive IS NOT NULL;
