/** The {@code gdpr-export} job (META-INF/batch-jobs/gdpr-export.xml). */
package io.petty.batch.export;
