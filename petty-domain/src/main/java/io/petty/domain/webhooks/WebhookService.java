package io.petty.domain.webhooks;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.crypto.Aead;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An owner's webhook endpoints: registered (checked where they point), listed, removed; another owner's are unknown.
 */
@ApplicationScoped
public class WebhookService {

    /** Endpoints one account may register. */
    static final int PER_ACCOUNT = 10;
    private static final int SECRET_BYTES = 32;
    private static final int MAX_URL = 2000;

    private final Webhooks webhooks;
    private final AddressPolicy addresses;
    private final Clock clock;

    @Inject
    public WebhookService(Webhooks webhooks, AddressPolicy addresses, Clock clock) {
        this.webhooks = webhooks;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected WebhookService() {
        this(null, null, null);
    }

    /**
     * Where webhooks may go: loopback too in the development profile only (local receivers and the tests), not in
     * any other profile a typo could make.
     */
    @Produces
    static AddressPolicy addressPolicy(@ConfigProperty(name = "petty.profile") String profile) {
        return new AddressPolicy("development".equals(profile));
    }

    /** Not in a transaction: the secret store makes its sealing key in one of its own the first time. */
    public RegisteredWebhook register(UUID accountId, WebhookDraft draft) {
        List<FieldViolation> violations = new ArrayList<>();
        String url = url(draft.url(), violations);
        Set<AlertKind> kinds = kinds(draft.kinds(), violations);
        QuietHours quiet = quietHours(draft.quietFrom(), draft.quietUntil(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        byte[] secret = Aead.randomBytes(SECRET_BYTES);
        WebhookEndpoint endpoint = new WebhookEndpoint(UUID.randomUUID(), accountId, url, kinds, quiet,
                clock.instant().truncatedTo(ChronoUnit.MICROS), null);
        if (!webhooks.add(endpoint, secret, PER_ACCOUNT)) {
            throw new InvalidInputException(List.of(new FieldViolation("url", "at most " + PER_ACCOUNT
                    + " endpoints per account; remove one")));
        }
        return new RegisteredWebhook(endpoint, WebhookSignature.shown(secret));
    }

    public List<WebhookEndpoint> list(UUID accountId) {
        return webhooks.ofAccount(accountId);
    }

    public void remove(UUID accountId, UUID endpointId) {
        if (!webhooks.remove(accountId, endpointId)) {
            throw new UnknownWebhookException();
        }
    }

    /** An absolute https URL whose host resolves to addresses the policy allows (http only to loopback). */
    private String url(String url, List<FieldViolation> violations) {
        if (url == null || url.isBlank()) {
            violations.add(new FieldViolation("url", "is required"));
            return null;
        }
        if (url.length() > MAX_URL) {
            violations.add(new FieldViolation("url", "must be at most " + MAX_URL + " characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            violations.add(new FieldViolation("url", "must be an absolute https URL"));
            return null;
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        if (!http && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            violations.add(new FieldViolation("url", "must be an absolute https URL, without user info or fragment"));
            return null;
        }
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            violations.add(new FieldViolation("url", "names a host that does not resolve"));
            return null;
        }
        if (!Arrays.stream(resolved).allMatch(addresses::allows)) {
            violations.add(new FieldViolation("url", "must point at a public address, not a private, loopback or "
                    + "link-local one"));
        } else if (http && !(addresses.loopbackAllowed()
                && Arrays.stream(resolved).allMatch(InetAddress::isLoopbackAddress))) {
            violations.add(new FieldViolation("url", "must be https"));
        }
        return url;
    }

    private static Set<AlertKind> kinds(List<String> names, List<FieldViolation> violations) {
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        if (names == null) {
            return kinds;
        }
        for (String name : names) {
            AlertKind.ofWireName(name).ifPresentOrElse(kinds::add, () -> violations.add(new FieldViolation("kinds",
                    "must be alert kinds: left_home, high_resting_heart_rate, inactivity, low_battery, collar_silent")));
        }
        return kinds;
    }

    private static QuietHours quietHours(String from, String until, List<FieldViolation> violations) {
        if (from == null && until == null) {
            return null;
        }
        try {
            LocalTime start = LocalTime.parse(from == null ? "" : from);
            LocalTime end = LocalTime.parse(until == null ? "" : until);
            if (!start.equals(end)) {
                return new QuietHours(start.truncatedTo(ChronoUnit.MINUTES), end.truncatedTo(ChronoUnit.MINUTES));
            }
        } catch (DateTimeParseException e) {
            // Reported below.
        }
        violations.add(new FieldViolation("quiet_hours", "must be two different times HH:MM, from and until"));
        return null;
    }
}
