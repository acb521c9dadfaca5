package io.petty.api.identity;

import java.util.UUID;

/** The JSON documents of the identity endpoints. Records holding secrets never print them. */
public final class IdentityDocuments {

    private IdentityDocuments() {
    }

    public record NewAccount(String email, String password, String displayName) {
        @Override
        public String toString() {
            return "NewAccount[redacted]";
        }
    }

    public record AccountView(UUID id, String role) {
    }

    /** {@code device_cookie}: what the last login to this account answered, if the client kept it. */
    public record Login(String email, String password, String deviceCookie) {
        @Override
        public String toString() {
            return "Login[redacted]";
        }
    }

    public record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[redacted]";
        }
    }

    public record Refresh(String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[redacted]";
        }
    }

    public record DeviceLogin(String collarId, String secret) {
        @Override
        public String toString() {
            return "DeviceLogin[" + collarId + ", redacted]";
        }
    }

    /**
     * RFC 6749 token response; {@code refresh_token} is absent for device tokens; {@code device_cookie} comes with a
     * password login only: presented at the next login to the account, it keeps the client out of reach of others'
     * failed attempts.
     */
    public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn,
                         String deviceCookie) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }
}
