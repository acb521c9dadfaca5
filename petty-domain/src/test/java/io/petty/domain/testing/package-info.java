/** Test support shared with the other modules through petty-domain's test jar. */
package io.petty.domain.testing;
