/** Alert episodes through JPA. */
package io.petty.domain.alerts.internal;
