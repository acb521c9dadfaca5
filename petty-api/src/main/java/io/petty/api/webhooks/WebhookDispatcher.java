package io.petty.api.webhooks;

import io.petty.domain.webhooks.AddressPolicy;
import io.petty.domain.webhooks.Delivery;
import io.petty.domain.webhooks.WebhookOutbox;
import io.petty.domain.webhooks.WebhookSecrets;
import io.petty.domain.webhooks.WebhookSignature;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox's due deliveries, every second, on every server (each leases its own): signed as Standard
 * Webhooks say, one request each with a 15 s timeout, no redirects followed (a 3xx is a failure), and through a
 * resolver that refuses any address the {@link AddressPolicy} does not allow, at connect time, whatever the name
 * resolved to when the endpoint was registered. Apache HttpClient rather than the JDK's: the JDK client cannot be
 * given a resolver, so a name could be pointed at the operator's network after it was checked.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final Duration EVERY = Duration.ofSeconds(1);
    /** Deliveries leased at a time: each has a request of its own, at once. */
    private static final int PER_ROUND = 16;
    private static final Timeout TIMEOUT = Timeout.ofSeconds(15);
    /** The longest a round waits for its sends: the connection, the request and the answer's head. */
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(45);
    /** The longest {@code Retry-After} honoured: beyond, the retry schedule's own day is over anyway. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    private final WebhookOutbox outbox;
    private final WebhookSecrets secrets;
    private final AddressPolicy addresses;
    private final ManagedScheduledExecutorService scheduler;
    private final ManagedExecutorService executor;
    private final Clock clock;
    private volatile CloseableHttpClient client;
    private volatile Future<?> rounds;

    @Inject
    public WebhookDispatcher(WebhookOutbox outbox, WebhookSecrets secrets, AddressPolicy addresses,
                             ManagedScheduledExecutorService scheduler, ManagedExecutorService executor, Clock clock) {
        this.outbox = outbox;
        this.secrets = secrets;
        this.addresses = addresses;
        this.scheduler = scheduler;
        this.executor = executor;
        this.clock = clock;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected WebhookDispatcher() {
        this(null, null, null, null, null, null);
    }

    void onStart(@Observes Startup event) {
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PolicyResolver(addresses))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(TIMEOUT)
                                .setSocketTimeout(TIMEOUT).build())
                        .setMaxConnTotal(PER_ROUND * 2).setMaxConnPerRoute(4).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(TIMEOUT)
                        .setConnectionRequestTimeout(TIMEOUT).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .setUserAgent("Petty-Webhooks/1").build();
        rounds = scheduler.scheduleWithFixedDelay(this::round, EVERY.toMillis(), EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void onShutdown(@Observes Shutdown event) {
        if (rounds != null) {
            rounds.cancel(true);
        }
        try {
            if (client != null) {
                client.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing the webhook client", e);
        }
    }

    private void round() {
        try {
            List<Delivery> due = outbox.lease(PER_ROUND);
            // Each on its own, so that one slow receiver holds up only its own delivery; the next round waits.
            List<Future<?>> sending = due.stream().<Future<?>>map(delivery -> executor.submit(() -> send(delivery)))
                    .toList();
            // Well within the lease: a round that waited longer would see its deliveries leased again elsewhere.
            long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
            for (Future<?> sent : sending) {
                try {
                    sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    sent.cancel(true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            // What was leased and not recorded is sent again when its lease ends.
            LOG.log(Level.WARNING, "A round of webhook deliveries failed: " + e.getMessage());
        }
    }

    private void send(Delivery delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpPost post = new HttpPost(delivery.url());
        post.setHeader("webhook-id", delivery.id().toString());
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", WebhookSignature.sign(secrets.open(delivery.endpointId(),
                delivery.sealedSecret()), delivery.id().toString(), timestamp, delivery.payload()));
        post.setEntity(new StringEntity(delivery.payload(), ContentType.APPLICATION_JSON));
        try {
            client.execute(post, response -> {
                record(delivery, response);
                return null;
            });
        } catch (IOException | RuntimeException e) {
            // Recorded whatever failed (the secret, the request, the answer), so that it is retried on schedule and
            // given up after a day rather than leased again every minute.
            outbox.failed(delivery.id(), null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    /** The answer's status is all that counts: its body is not read (a receiver could drip it for ever). */
    private void record(Delivery delivery, ClassicHttpResponse response) {
        int status = response.getCode();
        if (status >= 200 && status < 300) {
            outbox.delivered(delivery.id(), status);
        } else {
            outbox.failed(delivery.id(), status, "HTTP " + status, retryAfter(response));
        }
    }

    /** A receiver's {@code Retry-After} in seconds; its date form is rare from webhook receivers and ignored. */
    private static Duration retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.getValue().strip());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, LONGEST_RETRY_AFTER.toSeconds()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The system's resolver, refusing every name that resolves to an address the policy does not allow. */
    private record PolicyResolver(AddressPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] resolved = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : resolved) {
                if (!policy.allows(address)) {
                    throw new UnknownHostException(host + " resolves to " + address.getHostAddress()
                            + ", which webhooks may not be sent to");
                }
            }
            return resolved;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
