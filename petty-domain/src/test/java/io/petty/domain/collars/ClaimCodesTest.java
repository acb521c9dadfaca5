package io.petty.domain.collars;

import io.petty.domain.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimCodesTest {

    @Test
    void aNewCodeIsFourGroupsOfFourCrockfordSymbolsAndNeverRepeats() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = ClaimCodes.newCode();
            assertTrue(code.matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"), code);
            assertTrue(codes.add(code));
        }
    }

    @Test
    void aCodeIsReadAsPeopleTypeIt() {
        byte[] printed = ClaimCodes.hash("7K3M-QX9P-2HD1-R80N", "claim_code");
        for (String typed : new String[] {"7k3mqx9p2hd1r80n", "7K3M QX9P 2HDI R8ON", "7K3M-QX9P-2HDl-R8oN"}) {
            assertArrayEquals(printed, ClaimCodes.hash(typed, "claim_code"), typed);
        }
        assertFalse(java.util.Arrays.equals(printed, ClaimCodes.hash("7K3M-QX9P-2HD1-R80P", "claim_code")));
    }

    @Test
    void whatCannotBeACodeIsNamedInTheError() {
        for (String bad : new String[] {null, "", "7K3M-QX9P-2HD1", "7K3M-QX9P-2HD1-R80N-X", "7K3M-QX9P-2HD1-R8U!",
                "7K3M-QX9P-2HD1-R8UN"}) {
            InvalidInputException invalid = assertThrows(InvalidInputException.class,
                    () -> ClaimCodes.hash(bad, "claim_code"), String.valueOf(bad));
            assertEquals("claim_code", invalid.violations().get(0).field());
        }
    }
}
