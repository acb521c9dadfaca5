package io.petty.domain.telemetry;

/**
 * Fired (CDI, synchronously, after the commit) when an ingest stored new readings of a collar, so that the analysis
 * on this server can start at once instead of at its next look at the backlog. Observers must not block.
 */
public record ReadingsArrived(String collarId) {
}
