package io.petty.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Canonical resources live under {@code /v1}; the original's unversioned paths are rewritten onto them.
 * Callers prove who they are with RS256 bearer tokens verified by MicroProfile JWT; the roles are the
 * token's {@code groups}.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "petty")
@DeclareRoles({"owner", "collar", "admin", "compliance-officer"})
public class PettyApplication extends Application {
}
