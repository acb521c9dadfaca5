package io.petty.domain.behavior;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** The day summaries the engine keeps with the events. */
public interface BehaviorDays {

    /** The pet's local days from {@code from} to {@code to} (inclusive) that have readings, each summed over collars. */
    Map<LocalDate, DaySummary> ofPet(UUID petId, LocalDate from, LocalDate to);
}
