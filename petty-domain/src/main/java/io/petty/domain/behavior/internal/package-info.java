/**
 * How the engine runs in the server: the analysis pass over the reading backlog (one transaction per batch of
 * collars, each collar's cursor locked), the worker that runs passes as readings arrive, and the stores of events
 * (JPA), day summaries (JPA) and cursors (JDBC).
 */
package io.petty.domain.behavior.internal;
