package io.petty.cli.load;

import java.time.Duration;

/** What a run tells while it goes on; every method may be called from any thread. */
public interface LoadListener {

    LoadListener SILENT = new LoadListener() {
    };

    /** @param ready collars signed in so far, of {@code wanted} */
    default void provisioning(int ready, int wanted) {
    }

    default void fleetReady(Fleet fleet) {
    }

    /** About once a second while readings are sent. */
    default void progress(Progress progress) {
    }

    /**
     * @param readingsPerSecond acknowledged in the last interval
     * @param p99Millis         request latency p99 since the start
     * @param errors            failed attempts since the start
     */
    record Progress(Duration elapsed, long acknowledged, double readingsPerSecond, double p99Millis, long errors) {
    }
}
