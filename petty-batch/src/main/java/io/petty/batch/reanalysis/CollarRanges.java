package io.petty.batch.reanalysis;

import io.petty.domain.behavior.Reanalysis.CollarRange;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.Properties;

/**
 * One partition per collar range. The number of ranges is a job parameter, so a restart maps the same ranges as the
 * run it continues (the container maps the partitions again and keeps each one's checkpoint by its number); they run
 * on as many threads as the server has cores, the work being the engine's.
 */
@Named("collarRanges")
@Dependent
public class CollarRanges implements PartitionMapper {

    private final int partitions;

    @Inject
    public CollarRanges(@BatchProperty(name = "partitions") String partitions) {
        this.partitions = Integer.parseInt(partitions);
    }

    @Override
    public PartitionPlan mapPartitions() {
        List<CollarRange> ranges = CollarRange.split(partitions);
        Properties[] properties = new Properties[ranges.size()];
        for (int i = 0; i < properties.length; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("hashFrom", Long.toString(ranges.get(i).from()));
            properties[i].setProperty("hashTo", Long.toString(ranges.get(i).to()));
        }
        PartitionPlan plan = new PartitionPlanImpl();
        plan.setPartitions(ranges.size());
        plan.setThreads(Math.min(ranges.size(), Runtime.getRuntime().availableProcessors()));
        plan.setPartitionProperties(properties);
        return plan;
    }
}
