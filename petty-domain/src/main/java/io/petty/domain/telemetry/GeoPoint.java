package io.petty.domain.telemetry;

/**
 * A WGS 84 position held as integer micro-degrees, which is what "stored to 6 decimals" means exactly
 * and what the {@code reading} table keeps.
 */
public record GeoPoint(int latE6, int lonE6) {

    private static final double MICRO = 1_000_000d;

    public GeoPoint {
        if (Math.abs(latE6) > 90_000_000 || Math.abs(lonE6) > 180_000_000) {
            throw new IllegalArgumentException("coordinates out of range");
        }
    }

    /** Rounds to the nearest micro-degree (about 11 cm at the equator). */
    public static GeoPoint ofDegrees(double lat, double lon) {
        return new GeoPoint((int) Math.round(lat * MICRO), (int) Math.round(lon * MICRO));
    }

    public double lat() {
        return latE6 / MICRO;
    }

    public double lon() {
        return lonE6 / MICRO;
    }
}
