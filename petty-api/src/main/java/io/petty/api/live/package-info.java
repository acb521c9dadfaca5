/**
 * The app's live stream of a pet ({@code GET /v1/pets/{id}/events}, Server-Sent Events): behaviors and alerts as they
 * happen, from the live log, on whichever server they were found.
 */
package io.petty.api.live;
