/** The motion models' storage in PostgreSQL. */
package io.petty.domain.motion.internal;
