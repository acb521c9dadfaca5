package io.petty.domain.webhooks;

import io.petty.domain.live.LiveNews;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The deliveries to owners' endpoints, from the transaction that decided them to the receiver's answer. */
public interface WebhookOutbox {

    /** How long a server has to send what it leased before another may. */
    Duration LEASE = Duration.ofMinutes(1);
    /** How long a delivery is kept once delivered or given up. */
    Duration RETENTION = Duration.ofDays(7);

    /**
     * In the caller's transaction: a delivery of each alert change to every endpoint of the pet's owner that wants
     * its kind, due at once or when the endpoint's quiet hours end.
     *
     * @param news what the pass found; only the alerts' changes are sent
     * @return how many deliveries it wrote
     */
    int enqueue(List<LiveNews> news);

    /** Up to {@code limit} due deliveries, leased to this server for {@link #LEASE}, in a transaction of its own. */
    List<Delivery> lease(int limit);

    /** The receiver took it (a 2xx). */
    void delivered(UUID deliveryId, int status);

    /**
     * It did not: tried again on {@link RetrySchedule}, or given up; a {@code 410 Gone} disables the endpoint.
     *
     * @param status     the receiver's status; null when there was no answer
     * @param retryAfter what the receiver asked for; null when it did not
     */
    void failed(UUID deliveryId, Integer status, String error, Duration retryAfter);

    /** Forgets the deliveries delivered or given up before {@code before}. @return how many */
    int forgetBefore(Instant before);
}
