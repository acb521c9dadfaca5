package io.petty.domain.privacy;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Two owners, Alice and Bob, with rows in every personal-data table of a freshly migrated PostgreSQL, and one collar
 * that Alice's pet wore on December 1st and Bob's from December 2nd: what export and erasure must tell apart.
 */
final class TwoOwners {

    static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    static final UUID ALICES_PET = UUID.fromString("00000000-0000-0000-0000-00000000a0e1");
    static final UUID BOBS_PET = UUID.fromString("00000000-0000-0000-0000-00000000b0e2");
    /** Alice's pet wore it on December 1st, Bob's from December 2nd. */
    static final String SHARED = "SC-100";
    static final String ALICES_OWN = "AA-100";

    private TwoOwners() {
    }

    /** A fresh database holding both owners' rows; account e-mails and names are left to the caller. */
    static DataSource database() throws SQLException {
        DataSource database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            for (String day : new String[] {"2026-12-01", "2026-12-02", "2026-12-03"}) {
                sql.execute("SELECT ensure_reading_partition('" + day + "')");
            }
            owner(sql, ALICE, ALICES_PET, "a");
            owner(sql, BOB, BOBS_PET, "b");
            sql.execute("INSERT INTO collar (id, pet_id, paired_at) VALUES ('" + ALICES_OWN + "', '" + ALICES_PET
                    + "', '2026-12-01T00:00Z'), ('" + SHARED + "', '" + BOBS_PET + "', '2026-12-02T00:00Z')");
            sql.execute("INSERT INTO collar_pairing (collar_id, pet_id, paired_at, unpaired_at, readings_from,"
                    + " readings_until) VALUES ('" + SHARED + "', '" + ALICES_PET + "', '2026-12-01T00:00Z',"
                    + " '2026-12-02T00:00Z', '2026-12-01T00:00Z', '2026-12-02T00:00Z'), ('" + SHARED + "', '"
                    + BOBS_PET + "', '2026-12-02T00:00Z', NULL, '2026-12-02T00:00Z', NULL), ('" + ALICES_OWN
                    + "', '" + ALICES_PET + "', '2026-12-01T00:00Z', NULL, '2026-12-01T00:00Z', NULL)");
            collarRows(sql, SHARED, "2026-12-01T10:00Z", "a");
            collarRows(sql, SHARED, "2026-12-02T10:00Z", "b");
            collarRows(sql, ALICES_OWN, "2026-12-03T10:00Z", "a2");
            sql.execute("INSERT INTO latest_reading (collar_id, ts, heart_rate, activity_level, received_at) VALUES ('"
                    + SHARED + "', '2026-12-02T10:00Z', 70, 1, now()), ('" + ALICES_OWN
                    + "', '2026-12-03T10:00Z', 70, 1, now())");
            sql.execute("INSERT INTO idempotent_request (principal, key, request_hash) VALUES ('" + ALICE
                    + "', 'k', '\\x00'), ('" + BOB + "', 'k', '\\x00')");
        }
        return database;
    }

    /** The rows of an account and its pet (the pet's events, alerts, webhooks, feedback, tokens, audit entries). */
    private static void owner(Statement sql, UUID account, UUID pet, String tag) throws SQLException {
        UUID event = UUID.nameUUIDFromBytes(("event-" + tag).getBytes());
        UUID endpoint = UUID.nameUUIDFromBytes(("endpoint-" + tag).getBytes());
        String collar = tag.equals("a") ? ALICES_OWN : SHARED;
        sql.execute("INSERT INTO account (id, role) VALUES ('" + account + "', 'owner')");
        sql.execute("INSERT INTO pet (id, owner_id, name, species) VALUES ('" + pet + "', '" + account + "', 'Rex "
                + tag + "', 'dog')");
        sql.execute("INSERT INTO refresh_token (token_hash, family_id, account_id, groups, scope, state, expires_at)"
                + " VALUES ('\\x" + (tag.equals("a") ? "aa" : "bb") + "', gen_random_uuid(), '" + account
                + "', '{owner}', 'owner', 'active', now() + interval '1 day')");
        sql.execute("INSERT INTO audit_event (seq, at, type, actor, subject, detail, prev_hash, hash) VALUES ("
                + (tag.equals("a") ? 1 : 2) + ", now(), 'login.succeeded', '" + account + "', '" + account
                + "', 'password', '\\x00', '\\x00')");
        sql.execute("INSERT INTO behavior_event (id, pet_id, collar_id, kind, behavior, started_at, ended_at,"
                + " confidence, detector, detector_version, evidence, open) VALUES ('" + event + "', '" + pet + "', '"
                + collar + "', 'behavior', 'Walk', now(), now(), 0.9, 'walk', '1', '{}', false)");
        sql.execute("INSERT INTO behavior_day (pet_id, collar_id, unit_start, day, data_points, heart_rate_sum,"
                + " heart_rate_min, heart_rate_max, active_ms, rest_ms, distance_m) VALUES ('" + pet + "', '" + collar
                + "', now(), current_date, 1, 70, 70, 70, 0, 0, 0)");
        sql.execute("INSERT INTO alert (id, pet_id, collar_id, kind, opened_at, opened_detail) VALUES ('"
                + UUID.nameUUIDFromBytes(("alert-" + tag).getBytes()) + "', '" + pet + "', '" + collar
                + "', 'low_battery', now(), 'battery 9 %')");
        sql.execute("INSERT INTO live_event (pet_id, seq, name, data) VALUES ('" + pet + "', 1, 'behavior.began', '{}')");
        sql.execute("INSERT INTO analysis_cursor (collar_id, pet_id) VALUES ('" + collar + "', '" + pet + "')");
        sql.execute("INSERT INTO webhook_endpoint (id, account_id, url, secret_ciphertext) VALUES ('" + endpoint
                + "', '" + account + "', 'https://example.org/" + tag + "', '\\x00')");
        sql.execute("INSERT INTO webhook_delivery (id, endpoint_id, pet_id, event, payload, next_attempt_at) VALUES ('"
                + UUID.nameUUIDFromBytes(("delivery-" + tag).getBytes()) + "', '" + endpoint + "', '" + pet
                + "', 'alert.opened', '{}', now())");
        sql.execute("INSERT INTO export_request (id, subject_id, requested_by, reason, requested_at) VALUES ('"
                + UUID.nameUUIDFromBytes(("export-" + tag).getBytes()) + "', '" + account + "', '" + account
                + "', 'own copy', now())");
        sql.execute("INSERT INTO feedback (id, event_id, account_id, verdict) VALUES ('"
                + UUID.nameUUIDFromBytes(("feedback-" + tag).getBytes()) + "', '" + event + "', '" + account
                + "', 'correct')");
    }

    /** What a collar leaves at a time: a reading, a dead letter, a backlog entry, an idempotency record. */
    private static void collarRows(Statement sql, String collar, String at, String tag) throws SQLException {
        sql.execute("INSERT INTO reading (collar_id, ts, heart_rate, activity_level, received_at) VALUES ('" + collar
                + "', '" + at + "', 70, 1, '" + at + "')");
        sql.execute("INSERT INTO dead_letter (received_at, collar_id, request_id, error_fields, error_messages,"
                + " payload) VALUES ('" + at + "', '" + collar + "', 'r-" + tag + "', '{}', '{}', '{}')");
        sql.execute("INSERT INTO analysis_backlog (collar_id, earliest, latest) VALUES ('" + collar + "', '" + at
                + "', '" + at + "')");
        sql.execute("INSERT INTO idempotent_request (principal, key, request_hash, created_at) VALUES ('" + collar
                + "', 'k-" + tag + "', '\\x00', '" + at + "')");
    }
}
