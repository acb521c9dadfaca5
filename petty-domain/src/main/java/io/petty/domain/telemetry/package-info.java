/** Collar telemetry: the reading model and its rules, ingest, and the latest reading of a collar. */
package io.petty.domain.telemetry;
