/**
 * Jakarta Batch jobs: nightly re-analysis, GDPR export and erasure, retention. Each job is one XML file in
 * {@code META-INF/batch-jobs/} named after the job, with its artifacts in a package of the same name.
 * No job exists yet; the module is assembled into the EAR's {@code lib/} so that the first one is
 * visible to the REST layer that starts it.
 */
package io.petty.batch;
