/** Limits on how fast anyone may call: token buckets per principal and endpoint class, and the login throttle. */
package io.petty.domain.abuse;
