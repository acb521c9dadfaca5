package io.petty.domain.audit;

import java.time.Instant;

/**
 * One entry of the security log. {@code actor} and {@code subject} are pseudonymous ids (account ids, key ids,
 * keyed email hashes), never emails, passwords or tokens.
 */
public record AuditEvent(long seq, Instant at, String type, String actor, String subject, String detail,
                         byte[] prevHash, byte[] hash) {

    public static final String ACCOUNT_CREATED = "account.created";
    public static final String LOGIN_SUCCEEDED = "login.succeeded";
    public static final String LOGIN_FAILED = "login.failed";
    public static final String LOGIN_THROTTLED = "login.throttled";
    public static final String TOKEN_REFRESHED = "token.refreshed";
    public static final String REFRESH_REUSE_DETECTED = "token.refresh-reuse-detected";
    public static final String LOGGED_OUT = "logout";
    public static final String LOGGED_OUT_EVERYWHERE = "logout.everywhere";
    public static final String PASSWORD_CHANGED = "password.changed";
    public static final String PASSWORD_CHANGE_FAILED = "password.change-failed";
    public static final String KEY_ROTATED = "key.rotated";
    public static final String ROLE_CHANGED = "role.changed";
    public static final String COLLARS_PROVISIONED = "collars.provisioned";
    public static final String MODEL_STORED = "model.stored";
    public static final String MODEL_ACTIVATED = "model.activated";
    public static final String JOB_STARTED = "job.started";
    public static final String JOB_RESTARTED = "job.restarted";
    public static final String EXPORT_REQUESTED = "export.requested";
    public static final String EXPORT_DOWNLOADED = "export.downloaded";
    public static final String ERASURE_REQUESTED = "erasure.requested";
    public static final String ERASURE_COMPLETED = "erasure.completed";
}
