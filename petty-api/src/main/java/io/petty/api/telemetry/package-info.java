/** Collar telemetry over HTTP: ingest and the real-time view, with their JSON documents. */
package io.petty.api.telemetry;
