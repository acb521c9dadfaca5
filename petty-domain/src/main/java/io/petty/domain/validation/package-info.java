/** Field-level validation results shared by every inbound document: what was wrong, and where. */
package io.petty.domain.validation;
