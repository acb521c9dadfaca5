/**
 * Collars: their serials, which pet wears each and since when, and the history of who wore it, so that every
 * reading belongs to the pet that wore the collar when it was sent.
 */
package io.petty.domain.collars;
