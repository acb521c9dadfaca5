package io.petty.domain.alerts;

/** What an alert is about; at most one episode of each kind (and home fence) is open per pet. */
public enum AlertKind {
    LEFT_HOME("left_home"),
    HIGH_RESTING_HEART_RATE("high_resting_heart_rate"),
    INACTIVITY("inactivity"),
    LOW_BATTERY("low_battery"),
    COLLAR_SILENT("collar_silent");

    private final String wireName;

    AlertKind(String wireName) {
        this.wireName = wireName;
    }

    /** As the API and the database name it. */
    public String wireName() {
        return wireName;
    }
}
