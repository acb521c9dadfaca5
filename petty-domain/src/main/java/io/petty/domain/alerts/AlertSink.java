package io.petty.domain.alerts;

/** Where alert rules report the episodes they open and resolve. */
@FunctionalInterface
public interface AlertSink {

    void emit(AlertChange change);
}
