/**
 * Webhooks: owners' HTTPS endpoints that are sent their pets' alerts when the app is closed, signed (Standard
 * Webhooks), from a persisted outbox, retried with backoff for 24 hours, never to the operator's own network.
 */
package io.petty.domain.webhooks;
