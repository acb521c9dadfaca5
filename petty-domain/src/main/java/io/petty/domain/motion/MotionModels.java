package io.petty.domain.motion;

import io.petty.domain.motion.internal.JdbcMotionModels;
import io.petty.domain.telemetry.MotionWindow;
import jakarta.json.JsonObject;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The motion models in PostgreSQL: every version stored, which one every server serves, how confident each has been
 * lately, and the operator alert its confidence opens.
 */
public interface MotionModels {

    /** The name the behavior engine's detector of the active model gives its events. */
    String DETECTOR = "motion";

    /** The operator alert a drop in confidence opens, one per model version. */
    String CONFIDENCE_ALERT = "model_confidence_low";

    static MotionModels using(DataSource dataSource) {
        return new JdbcMotionModels(dataSource);
    }

    /**
     * A version as {@code petty model list} shows it.
     *
     * @param metrics    the evaluation recorded at training
     * @param confidence the servers' rolling average confidence together, null before any served prediction
     * @param alert      the open confidence alert's detail, null when none is open
     */
    record Stored(String version, Instant createdAt, Instant storedAt, String storedBy, List<String> labels,
                  JsonObject metrics, boolean active, Instant activatedAt, Confidence confidence, String alert) {
    }

    /**
     * A motion window of a reading inside an event the model made that the owner marked incorrect, with the behavior
     * the owner says it was: a labeled example for the next training.
     */
    record CorrectedWindow(UUID petId, Instant timestamp, MotionWindow motion, String behavior) {
    }

    /** Served predictions and their average confidence. */
    record Confidence(long predictions, double average) {
    }

    /** @return false when this version was stored before (the artifact is not stored again) */
    boolean store(MotionModel model, String by, Instant at);

    /** Newest first. */
    List<Stored> list();

    /**
     * Makes this version the one every server serves.
     *
     * @throws java.util.NoSuchElementException when no such version is stored
     */
    void activate(String version, String by, Instant at);

    Optional<String> activeVersion();

    /** The active model, read from its artifact. */
    Optional<MotionModel> active();

    /** Every corrected window, by pet and time; streamed, so any number of them fits. */
    void corrections(Consumer<CorrectedWindow> each);

    /** This server's rolling confidence of a version. */
    void recordConfidence(String version, String server, Confidence confidence, Instant at);

    /** Opens the confidence alert of a version unless one is open; @return whether it opened one. */
    boolean openConfidenceAlert(String version, String detail, Instant at);

    /** Resolves the open confidence alert of a version, if any; @return whether there was one. */
    boolean resolveConfidenceAlert(String version, String detail, Instant at);
}
