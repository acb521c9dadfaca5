package io.petty.domain.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the personal data in a free-text note with a placeholder naming its kind, and keeps every other
 * character exactly as it was: the caller encodes the result for wherever it goes, so nothing is escaped here.
 *
 * <p>What is recognised is a list, not a definition of personal data:
 * <ul>
 *     <li>{@code [email]}: an address with a dotted domain whose last label is two or more characters;
 *     <li>{@code [card]}: 13 to 19 digits, grouped by spaces or hyphens or not at all, passing the Luhn check;
 *     <li>{@code [phone]}: 9 to 15 digits, or 7 to 15 after a {@code +}, grouped by spaces, hyphens, dots or an
 *     area code in parentheses;
 *     <li>{@code [national-id]}: US Social Security numbers, Finnish henkilötunnus, UK National Insurance
 *     numbers and Swedish personnummer. Other countries' ids are redacted only when they read as a phone.
 * </ul>
 * Names, postal addresses, IBANs, passport numbers and numbers written in other than ASCII digits are not.
 *
 * <p>Digits are read as runs of groups joined by single separators. A date such as 2026-11-25 or 25.11.2026, an
 * hour before a colon and a national id each end a run, so that none is read into a phone, and digits followed
 * by a letter are a code, not a number. A run is redacted when it splits into phones and cards with nothing left
 * over, so numbers written side by side each go; a run that does not is kept whole, so a 16-digit number failing
 * the Luhn check is never cut into a phone and a remainder. That rule also keeps a phone written after another
 * number with only a space between once the two pass 15 digits and split no other way. And reading by digit
 * count means any number of 9 to 15 digits, a pet's 15-digit microchip or an IPv4 address too, becomes
 * {@code [phone]}.
 *
 * <p>The work is linear in the length of the text: addresses are found from their {@code @} outwards, runs are
 * read once and never rescanned, and the patterns below match short fixed shapes, so none can backtrack far.
 */
public final class PiiRedactor {

    private static final String EMAIL = "[email]";
    private static final String PHONE = "[phone]";
    private static final String CARD = "[card]";
    private static final String NATIONAL_ID = "[national-id]";

    /** Henkilötunnus: birth date, century sign (with the letters added in 2023), individual number, check character. */
    private static final Pattern FINNISH_ID = Pattern.compile("\\d{6}[-+A-FU-Y]\\d{3}[0-9A-FHJ-NPR-Y]");
    private static final String FINNISH_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    /** Personnummer, with or without the century; a {@code +} marks someone over 100. */
    private static final Pattern SWEDISH_ID = Pattern.compile("(?:\\d{2})?\\d{6}[-+]\\d{4}");
    private static final Pattern US_SSN = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");
    /** Any two capitals lead: the prefixes HMRC leaves unissued change, and its own example, QQ, is one of them. */
    private static final Pattern UK_NINO = Pattern.compile("[A-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]");
    private static final String DAY = "(?:0?[1-9]|[12]\\d|3[01])";
    /** Year first, or day and month in either order before the year. */
    private static final Pattern DATE = Pattern.compile(
            "(?:\\d{4}([-.])(?:0?[1-9]|1[0-2])\\1" + DAY + "|" + DAY + "([-.])" + DAY + "\\2\\d{4})(?!\\d)");

    /** The longest card; no piece of a run is tried beyond it. */
    private static final int MAX_DIGITS = 19;

    private final CharSequence text;
    private final StringBuilder out;
    private final Matcher finnishId;
    private final Matcher swedishId;
    private final Matcher usSsn;
    private final Matcher ukNino;
    private final Matcher date;
    /** The digits of the run being read, so that trying its splits does not read the text again. */
    private final StringBuilder digits = new StringBuilder();

    /** Reads {@code text} only through {@code charAt}, which lets a test count how much work a text costs. */
    PiiRedactor(CharSequence text) {
        this.text = text;
        this.out = new StringBuilder(text.length());
        this.finnishId = FINNISH_ID.matcher(text);
        this.swedishId = SWEDISH_ID.matcher(text);
        this.usSsn = US_SSN.matcher(text);
        this.ukNino = UK_NINO.matcher(text);
        this.date = DATE.matcher(text);
    }

    /** @return the text with its personal data replaced, or null for null */
    public static String redact(String text) {
        return text == null ? null : new PiiRedactor(text).redacted();
    }

    String redacted() {
        int at = 0;
        for (Span email : emails()) {
            scan(at, email.from());
            out.append(EMAIL);
            at = email.to();
        }
        scan(at, text.length());
        return out.toString();
    }

    private record Span(int from, int to) {
    }

    /**
     * The addresses in the text, in order. Each is grown outwards from its {@code @}, and {@code @} belongs to
     * neither side, so a character is looked at by at most the address before it and the one after it.
     */
    private List<Span> emails() {
        List<Span> emails = new ArrayList<>();
        int floor = 0;
        for (int at = 0; at < text.length(); at++) {
            if (text.charAt(at) != '@') {
                continue;
            }
            int from = at;
            while (from > floor && isLocal(text.charAt(from - 1))) {
                from--;
            }
            while (from < at && text.charAt(from) == '.') {
                from++;
            }
            int to = at + 1;
            while (to < text.length() && isDomain(text.charAt(to))) {
                to++;
            }
            // A full stop or dash after the domain is the sentence's.
            while (to > at + 1 && (text.charAt(to - 1) == '.' || text.charAt(to - 1) == '-')) {
                to--;
            }
            if (from < at && isDomainName(at + 1, to)) {
                emails.add(new Span(from, to));
                floor = to;
            }
        }
        return emails;
    }

    private static boolean isLocal(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomain(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-';
    }

    /** Two or more labels, none empty, the last starting with a letter: v1.2 and 10.0.0.1 have no such end. */
    private boolean isDomainName(int from, int to) {
        int labels = 0;
        int label = from;
        int last = from;
        for (int at = from; at <= to; at++) {
            if (at == to || text.charAt(at) == '.') {
                if (at == label) {
                    return false;
                }
                labels++;
                last = label;
                label = at + 1;
            }
        }
        return labels >= 2 && to - last >= 2 && Character.isLetter(text.charAt(last));
    }

    /** Redacts {@code [from, limit)}, a stretch holding no address. */
    private void scan(int from, int limit) {
        int at = from;
        while (at < limit) {
            at = startsWord(at) ? fromWordStart(at, limit) : copy(at);
        }
    }

    /** Personal data starts a word: digits after a letter, as in v1.2 or a3f9, are part of a code. */
    private boolean startsWord(int at) {
        char c = text.charAt(at);
        return (isDigit(c) || c == '+' || c == '(' || (c >= 'A' && c <= 'Z'))
                && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)));
    }

    private int fromWordStart(int at, int limit) {
        int end = nationalId(at, limit);
        if (end > 0) {
            out.append(NATIONAL_ID);
            return end;
        }
        end = end(date, at, limit);
        if (end > 0) {
            return keep(at, end);
        }
        return number(at, limit);
    }

    /** @return where the national id at {@code at} ends, or -1 when none starts there */
    private int nationalId(int at, int limit) {
        int end = end(finnishId, at, limit);
        if (end > 0 && endsWord(end) && FINNISH_CHECK.charAt(finnishNumber(at) % 31) == text.charAt(end - 1)) {
            return end;
        }
        end = end(swedishId, at, limit);
        // The check digit covers the last ten digits, not the century.
        if (end > 0 && endsWord(end) && luhn(text, end - 11, end)) {
            return end;
        }
        end = end(usSsn, at, limit);
        if (end > 0 && endsWord(end)) {
            return end;
        }
        end = end(ukNino, at, limit);
        return end > 0 && endsWord(end) ? end : -1;
    }

    /** The birth date and individual number of a henkilötunnus, read as one number for its check character. */
    private int finnishNumber(int at) {
        int number = 0;
        for (int i = at; i < at + 10; i++) {
            if (i != at + 6) {
                number = number * 10 + (text.charAt(i) - '0');
            }
        }
        return number;
    }

    private static int end(Matcher shape, int at, int limit) {
        shape.region(at, limit);
        return shape.lookingAt() ? shape.end() : -1;
    }

    private boolean endsWord(int end) {
        return end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
    }

    /**
     * A group of a run: digits, or digits in parentheses; {@code digitsFrom} and {@code digitsTo} locate them in
     * {@link #digits}. {@code cardJoined} says it follows the group before as a card's groups do, after a space or
     * hyphen.
     */
    private record Group(int from, int to, int digitsFrom, int digitsTo, boolean parenthesised, boolean cardJoined) {
    }

    private int number(int start, int limit) {
        boolean international = text.charAt(start) == '+';
        List<Group> groups = groups(start, limit);
        if (groups.isEmpty()) {
            return copy(start);
        }
        int[] next = split(groups, international);
        if (next[0] == 0) {
            return keep(start, groups.get(groups.size() - 1).to());
        }
        int at = start;
        for (int first = 0; first < groups.size(); first = next[first]) {
            out.append(text, at, first == 0 ? start : groups.get(first).from())
                    .append(kind(groups, first, next[first], first == 0 && international));
            at = groups.get(next[first] - 1).to();
        }
        return at;
    }

    private List<Group> groups(int start, int limit) {
        digits.setLength(0);
        List<Group> groups = new ArrayList<>();
        int at = text.charAt(start) == '+' ? start + 1 : start;
        boolean cardJoined = false;
        while (at < limit && (groups.isEmpty() || (end(date, at, limit) < 0 && nationalId(at, limit) < 0))) {
            boolean parenthesised = text.charAt(at) == '(';
            int mark = digits.length();
            int last = parenthesised ? at + 1 : at;
            while (last < limit && isDigit(text.charAt(last))) {
                digits.append(text.charAt(last++));
            }
            int to = parenthesised ? last + 1 : last;
            if (digits.length() == mark || (parenthesised && (last == limit || text.charAt(last) != ')'))
                    || belongsToWordOrTime(to, limit)) {
                digits.setLength(mark);
                break;
            }
            groups.add(new Group(at, to, mark, digits.length(), parenthesised, cardJoined));
            char separator = to < limit ? text.charAt(to) : 0;
            cardJoined = separator == '-' || isSpace(separator);
            at = cardJoined || separator == '.' ? to + 1 : to;
        }
        return groups;
    }

    /** Digits followed by a letter are part of a code (4567x), and followed by a colon and a digit, an hour. */
    private boolean belongsToWordOrTime(int to, int limit) {
        if (to >= limit) {
            return false;
        }
        char after = text.charAt(to);
        return Character.isLetter(after) || (after == ':' && to + 1 < limit && isDigit(text.charAt(to + 1)));
    }

    /**
     * How the run splits, left to right, into cards and phones with nothing left over, each piece as long as the
     * rest still splits: {@code next[g]} is the group after the piece that starts at group g, or 0 when the
     * groups from g do not split so. Numbers written side by side are read apart this way. Each group is tried
     * against at most {@value #MAX_DIGITS} pieces, and only the digits already read are looked at again.
     */
    private int[] split(List<Group> groups, boolean international) {
        int count = groups.size();
        int[] next = new int[count + 1];
        next[count] = count;
        for (int first = count - 1; first >= 0; first--) {
            int from = groups.get(first).digitsFrom();
            for (int end = first + 1; end <= count && groups.get(end - 1).digitsTo() - from <= MAX_DIGITS; end++) {
                if (next[end] != 0 && kind(groups, first, end, first == 0 && international) != null) {
                    next[first] = end;
                }
            }
        }
        return next;
    }

    /** @return what groups {@code [first, end)} are as one number, or null when they are neither card nor phone */
    private String kind(List<Group> groups, int first, int end, boolean afterPlus) {
        int from = groups.get(first).digitsFrom();
        int to = groups.get(end - 1).digitsTo();
        int count = to - from;
        if (afterPlus) {
            return count >= 7 && count <= 15 ? PHONE : null;
        }
        if (count >= 13 && count <= MAX_DIGITS && writtenAsCard(groups, first, end) && luhn(digits, from, to)) {
            return CARD;
        }
        return count >= 9 && count <= 15 ? PHONE : null;
    }

    private static boolean writtenAsCard(List<Group> groups, int first, int end) {
        for (int i = first; i < end; i++) {
            Group group = groups.get(i);
            if (group.parenthesised() || (i > first && !group.cardJoined())) {
                return false;
            }
        }
        return true;
    }

    /** The check that ends card numbers and personnummer; what is not a digit is skipped. */
    private static boolean luhn(CharSequence number, int from, int to) {
        int sum = 0;
        boolean doubled = false;
        for (int i = to - 1; i >= from; i--) {
            char c = number.charAt(i);
            if (isDigit(c)) {
                int digit = c - '0';
                if (doubled) {
                    digit = digit > 4 ? digit * 2 - 9 : digit * 2;
                }
                sum += digit;
                doubled = !doubled;
            }
        }
        return sum % 10 == 0;
    }

    /** ASCII only: the checks above do arithmetic on the digits. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** What a number pasted from a web page or a phone's contacts is spaced with. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00a0' || c == '\u202f';
    }

    private int copy(int at) {
        out.append(text.charAt(at));
        return at + 1;
    }

    private int keep(int from, int to) {
        out.append(text, from, to);
        return to;
    }
}
