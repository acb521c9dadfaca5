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

    public record Login(String email, String password) {
        @Override
        public String toString() {
            return "Login[redacted]";
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

    /** RFC 6749 token response; {@code refresh_token} is absent for device tokens. */
    public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }
}
