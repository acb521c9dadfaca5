package io.petty.domain.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the rows about one data subject (an account) are, table by table: the one map that the export and erasure
 * jobs follow, checked against compliance/data-inventory.json by SubjectScopesTest, so that a table with personal
 * data added later cannot be forgotten by either. A collar's rows are the subject's only within the windows in which
 * one of the subject's pets wore it (collar_pairing): a collar that changed owners is split between them.
 */
public final class SubjectScopes {

    /**
     * The subject ({@code s.id}), their pets and their pets' pairing windows, for the conditions below; the one
     * parameter is the subject's account id.
     */
    public static final String SUBJECT = """
            WITH s AS (SELECT CAST(? AS uuid) AS id),
                 pets AS (SELECT p.id FROM pet p, s WHERE p.owner_id = s.id),
                 windows AS (SELECT c.collar_id, c.paired_at, c.unpaired_at, c.readings_from, c.readings_until
                             FROM collar_pairing c WHERE c.pet_id IN (SELECT id FROM pets))
            """;

    private static final String IN_A_READING_WINDOW = "EXISTS (SELECT 1 FROM windows w WHERE w.collar_id = t.collar_id"
            + " AND t.ts >= w.readings_from AND (w.readings_until IS NULL OR t.ts < w.readings_until))";
    private static final String OF_THE_PETS = "t.pet_id IN (SELECT id FROM pets)";

    /** Personal-data tables no subject's export or erasure covers, and why (the inventory says the same). */
    public static final Map<String, String> NOT_COVERED = Map.of(
            "erasure_request", "the erasure's own record; its subject is cleared when the erasure completes",
            "rate_bucket", "abuse state of minutes, keyed by principal or address; expires by itself",
            "login_attempt", "abuse state of 15 minutes, keyed hashes and addresses; expires by itself");

    private static final Map<String, String> CONDITIONS = conditions();

    private SubjectScopes() {
    }

    /** The tables with rows about a subject, in an order in which they can be deleted (children first). */
    public static Set<String> tables() {
        return CONDITIONS.keySet();
    }

    /** The SQL condition on table alias {@code t} selecting the subject's rows, after {@link #SUBJECT}. */
    public static Optional<String> condition(String table) {
        return Optional.ofNullable(CONDITIONS.get(table));
    }

    /** {@code SELECT t.* FROM table t WHERE ...}: the subject's rows of the table; one parameter, the account id. */
    public static String select(String table) {
        String condition = condition(table).orElseThrow(() -> new IllegalArgumentException("no subject scope: "
                + table));
        return SUBJECT + "SELECT t.* FROM " + table + " t WHERE " + condition;
    }

    private static Map<String, String> conditions() {
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put("export_request", "t.subject_id = (SELECT id FROM s) OR t.requested_by = (SELECT id FROM s)");
        scopes.put("feedback", "t.account_id = (SELECT id FROM s) OR t.event_id IN (SELECT e.id FROM behavior_event e"
                + " WHERE e.pet_id IN (SELECT id FROM pets))");
        scopes.put("webhook_delivery", OF_THE_PETS + " OR t.endpoint_id IN (SELECT w.id FROM webhook_endpoint w"
                + " WHERE w.account_id = (SELECT id FROM s))");
        scopes.put("webhook_endpoint", "t.account_id = (SELECT id FROM s)");
        scopes.put("live_event", OF_THE_PETS);
        scopes.put("alert", OF_THE_PETS);
        scopes.put("behavior_event", OF_THE_PETS);
        scopes.put("behavior_day", OF_THE_PETS);
        scopes.put("analysis_cursor", OF_THE_PETS);
        scopes.put("analysis_backlog", "EXISTS (SELECT 1 FROM windows w WHERE w.collar_id = t.collar_id"
                + " AND t.latest >= w.readings_from AND (w.readings_until IS NULL OR t.earliest < w.readings_until))");
        scopes.put("reading", IN_A_READING_WINDOW);
        scopes.put("latest_reading", IN_A_READING_WINDOW);
        scopes.put("dead_letter", "EXISTS (SELECT 1 FROM windows w WHERE w.collar_id = t.collar_id"
                + " AND t.received_at >= w.paired_at AND (w.unpaired_at IS NULL OR t.received_at < w.unpaired_at))");
        scopes.put("idempotent_request", "t.principal = CAST((SELECT id FROM s) AS text) OR EXISTS (SELECT 1 FROM"
                + " windows w WHERE w.collar_id = t.principal AND t.created_at >= w.paired_at"
                + " AND (w.unpaired_at IS NULL OR t.created_at < w.unpaired_at))");
        scopes.put("refresh_token", "t.account_id = (SELECT id FROM s)");
        scopes.put("audit_event", "t.actor = CAST((SELECT id FROM s) AS text)"
                + " OR t.subject = CAST((SELECT id FROM s) AS text)");
        scopes.put("collar_pairing", OF_THE_PETS);
        scopes.put("collar", OF_THE_PETS);
        scopes.put("pet", "t.owner_id = (SELECT id FROM s)");
        scopes.put("account", "t.id = (SELECT id FROM s)");
        return Collections.unmodifiableMap(scopes);
    }
}
