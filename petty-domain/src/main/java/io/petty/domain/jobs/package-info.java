/**
 * Jakarta Batch jobs as the rest of Petty sees them: start one, read its runs, restart a failed one, and the daily
 * schedule that starts each nightly job once across every server. The jobs themselves live in petty-batch.
 */
package io.petty.domain.jobs;
