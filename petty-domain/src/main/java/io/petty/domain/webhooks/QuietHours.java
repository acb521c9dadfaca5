package io.petty.domain.webhooks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A time of day, in the pet's zone, when an owner wants no notifications: {@code [from, until)}, over midnight when
 * {@code from} is later than {@code until} (22:00 to 07:00).
 */
public record QuietHours(LocalTime from, LocalTime until) {

    public QuietHours {
        Objects.requireNonNull(from, "from is required.");
        Objects.requireNonNull(until, "until is required.");
        if (from.equals(until)) {
            throw new IllegalArgumentException("quiet hours must not begin when they end");
        }
    }

    /** When something happening at {@code at} may be sent: then, or at the end of the quiet hours it falls in. */
    public Instant deferred(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean quiet = from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until)
                : !time.isBefore(from) || time.isBefore(until);
        if (!quiet) {
            return at;
        }
        LocalDate endDay = time.isBefore(until) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return endDay.atTime(until).atZone(zone).toInstant();
    }
}
