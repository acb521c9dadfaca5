/** The one error model: every failure becomes an RFC 9457 {@code application/problem+json} document. */
package io.petty.api.problem;
