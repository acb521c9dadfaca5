-- Jakarta Batch keeps its job repository in its own schema of this database (server.xml: databaseStore "batchStore"),
-- so that job history survives a restart and every server sees every run. Liberty creates its tables there.
CREATE SCHEMA IF NOT EXISTS batch;

-- A nightly job starts once a day however many servers run: the server that inserts the day's row starts it.
CREATE TABLE scheduled_job_run (
    job          text        NOT NULL,
    day          date        NOT NULL,
    claimed_by   text        NOT NULL,
    claimed_at   timestamptz NOT NULL,
    execution_id bigint,
    PRIMARY KEY (job, day)
);
