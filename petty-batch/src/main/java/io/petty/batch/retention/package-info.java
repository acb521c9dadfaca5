/** The {@code retention} job (META-INF/batch-jobs/retention.xml). */
package io.petty.batch.retention;
