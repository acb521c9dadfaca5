package io.petty.domain.feedback;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Where feedback is kept; it joins the caller's transaction. */
public interface FeedbackRepository {

    void add(Feedback feedback);

    /** The newest feedback on each of these events that has any. */
    Map<UUID, Feedback> latestOn(Collection<UUID> eventIds);
}
