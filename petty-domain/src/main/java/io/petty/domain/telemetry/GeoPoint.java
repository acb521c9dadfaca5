package io.petty.domain.telemetry;

/**
 * A WGS 84 position held as integer micro-degrees, which is what "stored to 6 decimals" means exactly
 * and what the {@code reading} table keeps.
 */
public record GeoPoint(int latE6, int lonE6) {

    /** The mean Earth radius (IUGG), metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
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

    /** Great-circle distance (haversine) on the sphere of {@link #EARTH_RADIUS_M}, metres. */
    public static double metresBetween(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
