/** The {@code gdpr-erasure} job (META-INF/batch-jobs/gdpr-erasure.xml). */
package io.petty.batch.erasure;
