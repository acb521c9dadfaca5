/**
 * Jakarta Batch jobs: nightly re-analysis, GDPR export and erasure, retention. Each job is one XML file in
 * {@code META-INF/batch-jobs/} named after the job, with its artifacts in a package of the same name; they do their
 * work through petty-domain's services. The module is assembled into the EAR's {@code lib/} so that the REST layer
 * that starts a job sees its XML: {@code nightly-reanalysis}, {@code retention}, {@code gdpr-export},
 * {@code gdpr-erasure}.
 */
package io.petty.batch;
