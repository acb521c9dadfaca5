package io.petty.domain.behavior;

import java.io.DataInput;
import java.io.IOException;
import java.util.Set;

/**
 * A kind of detector: the rules of the original system made exact (package {@code rules}), or a trained model.
 * Each unit of analysis (one pet, one local day, one collar) gets a {@link Detection} of its own, fed the unit's
 * readings in timestamp order. A detection's state can be written and read back, so that analysis resumes where
 * it stopped, on any server, after any crash.
 */
public interface Detector {

    /** The source of events found by rules written down. */
    String RULES = "rules";

    /** Stable name, recorded with every event it produces, e.g. {@code deep-sleep}. */
    String name();

    /** Changes whenever what it finds for the same readings may change; recorded with every event. */
    String version();

    /** Whether its events come from rules ({@value #RULES}) or from a trained model. */
    default String source() {
        return RULES;
    }

    /** The behaviors it reports, as the timeline names them. */
    Set<String> behaviors();

    /** A detection for a new unit. */
    Detection start();

    /** A detection continuing from what {@link Detection#writeTo} wrote, by this same name and version. */
    Detection restore(DataInput in) throws IOException;
}
