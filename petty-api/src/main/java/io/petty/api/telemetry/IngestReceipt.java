package io.petty.api.telemetry;

/** The answer to an ingest: how many readings were new, how many were replays, and the request's id. */
public record IngestReceipt(int stored, int duplicates, String requestId) {
}
