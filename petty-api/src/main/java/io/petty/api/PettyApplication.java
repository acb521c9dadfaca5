package io.petty.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Canonical resources live under {@code /v1}; the original's unversioned paths are rewritten onto them. */
@ApplicationPath("/")
public class PettyApplication extends Application {
}
