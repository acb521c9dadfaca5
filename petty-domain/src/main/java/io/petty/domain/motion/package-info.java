/**
 * The motion classifier: features of a collar's inertial windows, trained models as versioned artifacts, the one
 * every server serves, and how confident its predictions have been. Training and evaluation live in the CLI
 * ({@code petty model}); the behavior engine serves the active model as a detector.
 */
package io.petty.domain.motion;
