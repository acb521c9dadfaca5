/** The behavior engine's second kind of detector: the active motion model over the readings' inertial windows. */
package io.petty.domain.behavior.motion;
