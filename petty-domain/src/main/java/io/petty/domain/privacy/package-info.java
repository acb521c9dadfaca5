/**
 * Personal data: recognising it in free text, so that what people write is stored and logged without it
 * ({@link io.petty.domain.privacy.PiiRedactor}), and finding every row about one data subject, table by table
 * ({@link io.petty.domain.privacy.SubjectScopes}), for export and erasure.
 */
package io.petty.domain.privacy;
