package io.petty.domain.alerts;

/** Where an alert episode is, as the API filters by it. */
public enum AlertState {
    OPEN, ACKNOWLEDGED, RESOLVED
}
