package io.petty.domain.collars;

import io.petty.domain.identity.TokenService;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes collars for the factory: a fresh serial under a prefix, a device secret to write into the collar and a claim
 * code to print on it. Only their hashes are stored; what this returns is the one copy of the secrets.
 */
public class CollarFactory {

    /** One collar as the factory needs it. */
    public record MadeCollar(String serial, String secret, String claimCode) {
        @Override
        public String toString() {
            return "MadeCollar[" + serial + ", redacted]";
        }
    }

    public static final int MAX_COUNT = 100_000;
    private static final Pattern PREFIX = Pattern.compile("^[A-Z]{2}$");
    private static final int SERIALS_PER_PREFIX = 1_000_000;
    /** Tries at fresh serials before the prefix counts as full: random ones collide only when it nearly is. */
    private static final int MAX_ROUNDS = 20;

    private final CollarRepository collars;
    private final SecureRandom random = new SecureRandom();

    public CollarFactory(CollarRepository collars) {
        this.collars = collars;
    }

    /**
     * @param prefix two capital letters the serials start with (e.g. {@code SN})
     * @return the collars made and stored: fewer than {@code count} only when the prefix has too few free serials
     * @throws InvalidInputException when the prefix or count is out of range
     */
    public List<MadeCollar> make(String prefix, int count) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidInputException(List.of(new FieldViolation("prefix", "must be two capital letters")));
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidInputException(List.of(new FieldViolation("count", "must be 1 to " + MAX_COUNT)));
        }
        List<MadeCollar> made = new ArrayList<>(count);
        for (int round = 0; made.size() < count && round < MAX_ROUNDS; round++) {
            Map<String, MadeCollar> candidates = new LinkedHashMap<>();
            while (candidates.size() < count - made.size()) {
                String serial = prefix + "-" + String.format(Locale.ROOT, "%06d", random.nextInt(SERIALS_PER_PREFIX));
                candidates.put(serial, new MadeCollar(serial, TokenService.newDeviceSecret(), ClaimCodes.newCode()));
            }
            Set<String> stored = collars.provision(candidates.values().stream()
                    .map(collar -> new CollarRepository.NewCollar(collar.serial(), TokenService.hash(collar.secret()),
                            ClaimCodes.hash(collar.claimCode(), "claim_code")))
                    .toList());
            candidates.values().stream().filter(collar -> stored.contains(collar.serial())).forEach(made::add);
        }
        return made;
    }
}
