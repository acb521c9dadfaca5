package io.petty.domain.identity;

import java.time.Duration;

/** Too many failed logins for this email or from this address; try again after {@link #retryAfter()}. */
public class LoginThrottledException extends RuntimeException {

    private final transient Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("too many failed logins");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
