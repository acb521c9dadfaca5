/** Feedback through JPA. */
package io.petty.domain.feedback.internal;
