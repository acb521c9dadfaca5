package io.petty.domain.privacy;

/**
 * How far a request's job is: {@code done} of {@code total} steps (an export's files, an erasure's tables).
 */
public record Progress(int done, int total) {

    public Progress {
        if (total < 1 || done < 0 || done > total) {
            throw new IllegalArgumentException("progress " + done + " of " + total);
        }
    }
}
