-- The record of an erasure (GDPR Art. 17), kept after it: who asked, when, why, what went (rows per table) and
-- whether the check found nothing left. The subject is named only while the job runs and cleared when it completes:
-- the record keeps no personal data of the subject.
CREATE TABLE erasure_request (
    id           uuid        PRIMARY KEY,
    subject_id   uuid,
    requested_by uuid        NOT NULL,
    reason       text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    requested_at timestamptz NOT NULL,
    execution_id bigint,
    removed      jsonb,
    completed_at timestamptz,
    CHECK ((completed_at IS NULL) OR (subject_id IS NULL))
);
