package io.petty.api.compliance;

/** {@code {"password"}}: an owner confirming the erasure of their own account. */
public record PasswordConfirmation(String password) {
}
