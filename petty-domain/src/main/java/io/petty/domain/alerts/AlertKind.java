package io.petty.domain.alerts;

import java.util.Arrays;
import java.util.Optional;

/** What an alert is about; at most one episode of each kind (and home fence) is open per pet. */
public enum AlertKind {
    LEFT_HOME("left_home", false),
    HIGH_RESTING_HEART_RATE("high_resting_heart_rate", true),
    INACTIVITY("inactivity", true),
    LOW_BATTERY("low_battery", false),
    COLLAR_SILENT("collar_silent", false);

    private final String wireName;
    private final boolean health;

    AlertKind(String wireName, boolean health) {
        this.wireName = wireName;
        this.health = health;
    }

    /** Whether it says something about the pet's health (the pet plan's notes), not about its collar or place. */
    public boolean health() {
        return health;
    }

    /** As the API and the database name it. */
    public String wireName() {
        return wireName;
    }

    /** The kind of this wire name; empty for a name that is none. */
    public static Optional<AlertKind> ofWireName(String wireName) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(wireName)).findFirst();
    }
}
