package io.petty.domain.platform;

/** Fired (CDI) once the schema is current at start: work that needs the tables may begin. */
public record SchemaReady() {
}
