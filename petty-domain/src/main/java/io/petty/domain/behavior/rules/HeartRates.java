package io.petty.domain.behavior.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Count, mean and (population) standard deviation of heart rates, exactly, in constant space. */
final class HeartRates {

    private int count;
    private long sum;
    private long sumOfSquares;

    void clear() {
        count = 0;
        sum = 0;
        sumOfSquares = 0;
    }

    void add(int heartRate) {
        count++;
        sum += heartRate;
        sumOfSquares += (long) heartRate * heartRate;
    }

    int count() {
        return count;
    }

    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    double deviation() {
        return deviation(count, sum, sumOfSquares);
    }

    /** The mean if {@code heartRate} were added. */
    double meanWith(int heartRate) {
        return (double) (sum + heartRate) / (count + 1);
    }

    /** The standard deviation if {@code heartRate} were added. */
    double deviationWith(int heartRate) {
        return deviation(count + 1, sum + heartRate, sumOfSquares + (long) heartRate * heartRate);
    }

    private static double deviation(int count, long sum, long sumOfSquares) {
        if (count == 0) {
            return 0;
        }
        // n·Σx² − (Σx)² is exact in longs, so equal rates give exactly 0.
        double spread = (double) (count * sumOfSquares - sum * sum) / ((double) count * count);
        return Math.sqrt(Math.max(0, spread));
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        out.writeLong(sum);
        out.writeLong(sumOfSquares);
    }

    void readFrom(DataInput in) throws IOException {
        count = in.readInt();
        sum = in.readLong();
        sumOfSquares = in.readLong();
    }
}
