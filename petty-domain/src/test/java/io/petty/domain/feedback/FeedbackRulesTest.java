package io.petty.domain.feedback;

import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.Verdict;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeedbackRulesTest {

    private static final Set<String> BEHAVIORS = BehaviorEngine.ofRules().behaviors();
    private static final String EVENT = UUID.randomUUID().toString();

    private static FeedbackRules.Checked check(String userFeedback, String corrected, String note) {
        return FeedbackRules.check(new FeedbackRequest(EVENT, userFeedback, corrected, note, null, null), BEHAVIORS);
    }

    private static List<String> violated(FeedbackRequest request) {
        return assertThrows(InvalidInputException.class, () -> FeedbackRules.check(request, BEHAVIORS)).violations()
                .stream().map(FieldViolation::field).toList();
    }

    @Test
    void aVerdictWithACorrectionAndANote() {
        FeedbackRules.Checked checked = check("incorrect", "Playing Fetch", "he was after the ball");

        assertEquals(UUID.fromString(EVENT), checked.eventId());
        assertEquals(Verdict.INCORRECT, checked.verdict());
        assertEquals("Playing Fetch", checked.correctedBehavior());
        assertEquals("he was after the ball", checked.note());
    }

    @Test
    void theOriginalAppsFreeTextIsTheNoteWithoutAVerdict() {
        FeedbackRules.Checked checked = check("Loved the walk!", null, null);

        assertNull(checked.verdict());
        assertEquals("Loved the walk!", checked.note());
    }

    @Test
    void aCorrectionNeedsAnIncorrectVerdictAndABehaviorTheEngineKnows() {
        assertEquals(List.of("corrected_behavior"), violated(new FeedbackRequest(EVENT, "correct", "Walk", null, null, null)));
        assertEquals(List.of("corrected_behavior"), violated(new FeedbackRequest(EVENT, "free text", "Walk", null, null, null)));
        assertEquals(List.of("corrected_behavior"), violated(new FeedbackRequest(EVENT, "incorrect", "Flying", null, null, null)));
    }

    @Test
    void aNoteIsAtMostAThousandCharactersCountedAsTheOwnerSeesThem() {
        String thousandDogs = "\uD83D\uDC36".repeat(1000);
        assertEquals(thousandDogs, check("correct", null, thousandDogs).note());
        assertEquals(List.of("note"), violated(new FeedbackRequest(EVENT, "correct", null, thousandDogs + "!", null, null)));
        assertEquals(List.of("user_feedback"), violated(new FeedbackRequest(EVENT, "x".repeat(1001), null, null, null, null)));
        assertEquals(List.of("note"), violated(new FeedbackRequest(EVENT, "free text", null, "and a note", null, null)));
    }

    @Test
    void aSegmentIsAtMost64KilobytesOfJson() {
        String segment = "\"" + "x".repeat(64 * 1024 - 2) + "\"";
        assertEquals(segment, FeedbackRules.check(new FeedbackRequest(EVENT, "correct", null, null, segment, null),
                BEHAVIORS).segmentJson());
        assertEquals(List.of("segment"), violated(new FeedbackRequest(EVENT, "correct", null, null, segment + " ", null)));
    }

    @Test
    void everyFieldThatBreaksARuleIsNamed() {
        assertEquals(List.of("event_id", "user_feedback", "timestamp"),
                violated(new FeedbackRequest("42", " ", null, null, null, "25.11.2026")));
        assertEquals(Instant.parse("2026-11-25T08:15:00Z"), FeedbackRules.check(new FeedbackRequest(EVENT, "correct",
                null, null, null, "2026-11-25T10:15:00+02:00"), BEHAVIORS).observedAt());
    }
}
