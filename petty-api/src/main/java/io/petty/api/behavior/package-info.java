/** A pet's day and what it is doing, over HTTP: the timeline and the feedback on its events. */
package io.petty.api.behavior;
