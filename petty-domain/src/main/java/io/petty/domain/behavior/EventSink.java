package io.petty.domain.behavior;

/** Where a detector puts what it found. */
@FunctionalInterface
public interface EventSink {

    void emit(DetectedEvent event);
}
