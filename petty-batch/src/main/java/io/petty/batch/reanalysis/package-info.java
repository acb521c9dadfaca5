/**
 * The {@code nightly-reanalysis} job (META-INF/batch-jobs/nightly-reanalysis.xml): one chunk step, partitioned by
 * collar range ({@link io.petty.batch.reanalysis.CollarRanges}); each partition reads its units
 * ({@link io.petty.batch.reanalysis.UnitReader}, checkpointed at the last unit written) and has them analysed again,
 * a chunk per transaction ({@link io.petty.batch.reanalysis.UnitWriter}). The partitions' outcomes are summed into
 * the job's exit status ({@link io.petty.batch.reanalysis.ReanalysisTally}).
 */
package io.petty.batch.reanalysis;
