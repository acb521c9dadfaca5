/** Personal data in free text: recognising it, so that what people write is stored and logged without it. */
package io.petty.domain.privacy;
