package io.petty.domain.behavior;

/** What an event says about the pet. */
public enum EventKind {
    /** A stretch of one activity (walk, play, rest), with its duration and distance: what the day was made of. */
    SESSION,
    /** A recognised behavior (deep sleep, anxious pacing, playing fetch), usually inside a session. */
    BEHAVIOR
}
