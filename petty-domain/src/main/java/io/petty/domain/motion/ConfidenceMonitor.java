package io.petty.domain.motion;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The confidence of the predictions this server served, per model version: the average of the latest
 * {@value #WINDOW}. When it falls below {@value #FLOOR} (the original system's "AI confidence drop") the monitor opens
 * an operator alert for the version, and resolves it once the average is back above {@value #RECOVERED}: the gap
 * keeps an average hovering at the line from opening and resolving it over and over.
 */
@ApplicationScoped
public class ConfidenceMonitor {

    public static final double FLOOR = 0.70;
    public static final double RECOVERED = 0.75;
    static final int WINDOW = 1000;
    /** Fewer predictions say too little to raise an alert on. */
    static final int ENOUGH = 200;
    private static final Logger LOG = Logger.getLogger(ConfidenceMonitor.class.getName());

    private final Map<String, Rolling> byVersion = new ConcurrentHashMap<>();

    /** A prediction served with this calibrated confidence. */
    public void served(String version, double confidence) {
        byVersion.computeIfAbsent(version, v -> new Rolling()).add(confidence);
    }

    public Optional<MotionModels.Confidence> rolling(String version) {
        Rolling rolling = byVersion.get(version);
        return rolling == null ? Optional.empty() : Optional.of(rolling.confidence());
    }

    /** Writes this server's averages and opens or resolves the alerts they call for. */
    public void report(MotionModels models, String server, Instant now) {
        byVersion.forEach((version, rolling) -> {
            MotionModels.Confidence confidence = rolling.confidence();
            models.recordConfidence(version, server, confidence, now);
            if (confidence.predictions() < ENOUGH) {
                return;
            }
            String detail = String.format(Locale.ROOT, "average confidence %.3f over the latest %d predictions on %s",
                    confidence.average(), confidence.predictions(), server);
            if (confidence.average() < FLOOR) {
                if (models.openConfidenceAlert(version, detail, now)) {
                    LOG.warning("Motion model " + version + ": " + detail + ", below " + FLOOR
                            + " - operator alert " + MotionModels.CONFIDENCE_ALERT + " opened");
                }
            } else if (confidence.average() >= RECOVERED && models.resolveConfidenceAlert(version, detail, now)) {
                LOG.info("Motion model " + version + ": " + detail + " - operator alert resolved");
            }
        });
    }

    /** The latest confidences in a ring. */
    private static final class Rolling {
        private final double[] ring = new double[WINDOW];
        private int next;
        private long count;
        private double sum;

        synchronized void add(double confidence) {
            if (count >= WINDOW) {
                sum -= ring[next];
            }
            ring[next] = confidence;
            sum += confidence;
            next = (next + 1) % WINDOW;
            count++;
        }

        synchronized MotionModels.Confidence confidence() {
            long held = Math.min(count, WINDOW);
            return new MotionModels.Confidence(held, held == 0 ? 0 : sum / held);
        }
    }
}
