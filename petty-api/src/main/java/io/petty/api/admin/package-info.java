/** Endpoints for operators (group {@code admin}): what the system refused, and the batch jobs' runs. */
package io.petty.api.admin;
