package io.petty.domain.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static io.petty.domain.privacy.PiiRedactor.redact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PiiRedactorTest {

    /** The longest note an owner may send. */
    private static final int NOTE_LENGTH = 1000;
    /**
     * Reads of the text allowed per character. Each character costs a few reads (the address pass, the scan, the
     * copy) plus the short patterns tried where a word starts; a scan that started over at each character would
     * read about 500 per character of a 1000-character note.
     */
    private static final int READS_PER_CHARACTER = 32;

    @Test
    void nullStaysNull() {
        assertNull(redact(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " \t\r\n ", "Rex walked 3 km and slept", "Hyvä koira 🐕‍🦺 ❤️ 😀", "ŝ̷͉ẗ̴r̸a̵n̶g̷e̸"})
    void textWithoutPersonalDataIsReturnedUnchanged(String text) {
        assertEquals(text, redact(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.com", "Ana.Lopez+pets@mail.example.co.uk", "bo_99@vet-clinic.example.org",
            "owner@xn--bcher-kva.example", "x.y-z%tag@sub.sub.example.fi", "josé@bücher.de"})
    void emailAddressesAreRedacted(String email) {
        assertEquals("write to [email] today", redact("write to " + email + " today"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"firmware v1.2", "a@b", "ana@localhost", "ping @example.com", "ana@", "ana@example.c",
            "ana@10.0.0.1", "ana@@example.com", "ana@example..com"})
    void whatIsNotAnAddressWithADottedDomainIsKept(String text) {
        assertEquals(text, redact(text));
    }

    @Test
    void anAddressEndsBeforeThePunctuationAroundIt() {
        assertEquals("Mail me (at [email]).", redact("Mail me (at ana@example.com)."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+358 40 123 4567", "+1 (555) 123-4567", "040-123 4567", "555.123.4567", "(020) 7946 0958",
            "+358401234567", "0401234567", "+44 (0)20 7946 0958", "1-555-123-4567", "+358\u00a040\u00a0123\u00a04567"})
    void phoneNumbersAreRedacted(String phone) {
        assertEquals("call [phone] after six", redact("call " + phone + " after six"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3 walks and 12 naps", "on 2026-11-25", "on 25.11.2026", "at 10:15", "hr 72", "31.5 kg",
            "born 2019", "collar SN-12345", "2026-11-25 10:15", "2026-11-25 31.5 kg", "12 345 678 steps", "+5 kg",
            "11/25/2026 10:15:30", "walks 1-2-3"})
    void numbersThatAreNotPhonesAreKept(String text) {
        assertEquals(text, redact(text));
    }

    @Test
    void aDateOrATimeNextToAPhoneIsNotReadAsPartOfIt() {
        assertEquals("2026-11-25 [phone] 10:15", redact("2026-11-25 040 123 4567 10:15"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004",
            "3782 822463 10005", "4222222222222", "6011 0000 0000 0000 001"})
    void cardNumbersPassingLuhnAreRedacted(String card) {
        assertEquals("paid with [card] twice", redact("paid with " + card + " twice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order 4111 1111 1111 1112", "order 4111111111111112"})
    void aSixteenDigitNumberFailingLuhnIsKept(String text) {
        assertEquals(text, redact(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123-45-6789", "131052-308T", "010100A123D", "010594Y9032", "QQ 12 34 56 C", "QQ123456C",
            "19811218-9876", "811218-9876", "811218+9876"})
    void nationalIdsAreRedacted(String id) {
        assertEquals("my id is [national-id], sorry", redact("my id is " + id + ", sorry"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"131052-308U", "QQ 12 34 56 E", "QQ 12 34 5 C", "123-456-78"})
    void idLookalikesBreakingTheirRulesAreKept(String text) {
        assertEquals(text, redact(text));
    }

    @Test
    void aPersonnummerFailingLuhnIsNoNationalIdButItsTenDigitsStillGoAsAPhone() {
        assertEquals("[phone]", redact("811218-9875"));
    }

    @Test
    void aNoteKeepsItsWordsAndLosesItsPersonalData() {
        assertEquals("that wasn't a walk, call me on [phone], my card [card] was charged twice",
                redact("that wasn't a walk, call me on +358 40 123 4567, my card 4111 1111 1111 1111 "
                        + "was charged twice"));
    }

    @Test
    void everyKindInOneNoteBesideNumbersThatStay() {
        assertEquals("Rex (SN-12345) hr 72 on 2026-11-25 at 10:15, 31.5 kg. Mail [email] or ring [phone]; "
                        + "card [card], hetu [national-id], NI [national-id].",
                redact("Rex (SN-12345) hr 72 on 2026-11-25 at 10:15, 31.5 kg. Mail ana@example.com or ring "
                        + "(020) 7946 0958; card 5500-0000-0000-0004, hetu 131052-308T, NI QQ123456C."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ana@example.com,bo@example.org              | [email],[email]",
            "ana@example.com 040-123 4567                | [email] [phone]",
            "040 123 4567 050 765 4321                   | [phone] [phone]",
            "+358 40 123 4567 040 765 4321               | [phone] [phone]",
            "4111 1111 1111 1111 040 123 4567            | [card] [phone]",
            "040 123 4567 131052-308T                    | [phone] [national-id]",
            "131052-308T 123-45-6789                     | [national-id] [national-id]",
            "+358 40 123 4567/555.123.4567               | [phone]/[phone]",
            "040 123 4567, again 040 123 4567            | [phone], again [phone]"})
    void adjacentAndRepeatedPersonalDataIsEachRedacted(String text, String redacted) {
        assertEquals(redacted, redact(text));
    }

    @Test
    void whitespaceUnicodeAndEmojiAroundPersonalDataAreKeptExactly() {
        assertEquals("  Hyvä 🐕‍🦺\u00a0soita\t[phone]\r\n😀 kiitos!  ",
                redact("  Hyvä 🐕‍🦺\u00a0soita\t+358 40 123 4567\r\n😀 kiitos!  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "<img src=x onerror=\"alert('hi')\">",
            "&lt;b&gt; &amp; \"double\" 'single' \\back\\slash"})
    void markupPassesThroughByteForByte(String text) {
        assertEquals(text, redact(text));
    }

    @Test
    void markupAroundPersonalDataIsNeitherEscapedNorStripped() {
        assertEquals("<a href=\"mailto:[email]\">[phone]</a><script>alert(1)</script>",
                redact("<a href=\"mailto:ana@example.com\">040 123 4567</a><script>alert(1)</script>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1 ", "1.", "1-", "1:", "(1", "(1)", "+", "+1 ", "@", "a@", "a.", ".@", "a@b.",
            "a.b@", "4111 ", "1-1 ", "QQ 1", "131052-", "811218+", "2026-11-25 ", "ana@example.com ", "🐕"})
    void theWorkOfALongestNoteIsBoundedByItsLength(String unit) {
        assertReadsAreBoundedByLength(unit.repeat(NOTE_LENGTH / unit.length() + 1).substring(0, NOTE_LENGTH));
    }

    @ParameterizedTest
    @MethodSource("notesOfLongRuns")
    void theWorkOfALongestNoteOfLongRunsIsBoundedByItsLength(String note) {
        assertReadsAreBoundedByLength(note);
    }

    static Stream<String> notesOfLongRuns() {
        return Stream.of(
                "a".repeat(300) + "@" + "1".repeat(300) + "." + "9 ".repeat(199),
                "a.".repeat(499) + "@x",
                // No tail of this run splits into phones: a scan that tried again from each group would read it all.
                "1 ".repeat(490) + "1".repeat(20));
    }

    private static void assertReadsAreBoundedByLength(String note) {
        assertEquals(NOTE_LENGTH, note.length());
        CountingText text = new CountingText(note);

        new PiiRedactor(text).redacted();

        assertTrue(text.reads <= READS_PER_CHARACTER * NOTE_LENGTH,
                () -> text.reads + " reads for " + NOTE_LENGTH + " characters");
    }

    /** A text that counts every read of a character; it hands out no copy, so no read can go uncounted. */
    private static final class CountingText implements CharSequence {

        private final String text;
        private int reads;

        CountingText(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new UnsupportedOperationException("read it through charAt");
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException("read it through charAt");
        }
    }
}
