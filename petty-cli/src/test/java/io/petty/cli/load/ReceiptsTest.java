package io.petty.cli.load;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReceiptsTest {

    @Test
    void aBatchAcknowledgesStoredAndDuplicateReadingsButNotRejectedOnes() {
        String answer = """
                {"duplicates":1,"rejected":1,"request_id":"r","results":[
                  {"index":0,"status":"stored"},
                  {"errors":[{"field":"heart_rate","message":"must be between 30 and 300"}],"index":1,"status":"rejected"},
                  {"status":"duplicate","index":2},
                  {"index":3,"status":"stored"}],"stored":2}""";

        assertEquals(bits(0, 2, 3), Receipts.acknowledged(answer));
    }

    private static BitSet bits(int... set) {
        BitSet bits = new BitSet();
        for (int bit : set) {
            bits.set(bit);
        }
        return bits;
    }
}
