/**
 * The behavior engine: detectors that turn a pet's readings, in timestamp order, into timed events (sessions and
 * behaviors) with computed confidences, analysed per pet-day as readings arrive; the daily timeline built from
 * them; the current behavior. Detectors are plain Java and know nothing of storage.
 */
package io.petty.domain.behavior;
