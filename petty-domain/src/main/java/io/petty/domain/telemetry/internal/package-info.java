/** PostgreSQL implementations of telemetry storage: the partitioned reading table and its upkeep. */
package io.petty.domain.telemetry.internal;
