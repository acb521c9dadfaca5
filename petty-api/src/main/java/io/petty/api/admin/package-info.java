/** Endpoints for operators (group {@code admin}): what the system refused, and later its jobs and keys. */
package io.petty.api.admin;
