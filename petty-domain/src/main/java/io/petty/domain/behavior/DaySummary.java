package io.petty.domain.behavior;

/**
 * A unit's day in numbers: its readings' heart rate, and its sessions' time and distance (so that the summary adds
 * up with the sessions on the timeline).
 *
 * @param heartRateMin 0 when there are no readings; see {@link #dataPoints()}
 */
public record DaySummary(int dataPoints, long heartRateSum, int heartRateMin, int heartRateMax, long activeMillis,
                         long restMillis, double distanceM) {

    public static final DaySummary EMPTY = new DaySummary(0, 0, 0, 0, 0, 0, 0);

    /** Two units of the same day (the pet wore two collars, or changed collars that day) as one. */
    public DaySummary plus(DaySummary other) {
        if (dataPoints == 0) {
            return other;
        }
        if (other.dataPoints == 0) {
            return this;
        }
        return new DaySummary(dataPoints + other.dataPoints, heartRateSum + other.heartRateSum,
                Math.min(heartRateMin, other.heartRateMin), Math.max(heartRateMax, other.heartRateMax),
                activeMillis + other.activeMillis, restMillis + other.restMillis, distanceM + other.distanceM);
    }

    /** Mean heart rate; 0 without readings. */
    public double heartRateMean() {
        return dataPoints == 0 ? 0 : (double) heartRateSum / dataPoints;
    }
}
