/** How long Petty keeps what it holds, and the removal of what is past it (compliance/retention.md). */
package io.petty.domain.retention;
