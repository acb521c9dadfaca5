package io.petty.domain.motion;

/**
 * How a stream of samples is cut into windows: {@code seconds} long, each starting {@code 1 - overlap} of a window
 * after the previous one (2 s and 0.5 by default, as in Kumpulainen et al. 2021).
 */
public record WindowSpec(double seconds, double overlap) {

    public static final WindowSpec DEFAULT = new WindowSpec(2, 0.5);

    public WindowSpec {
        if (!(seconds >= 0.2 && seconds <= 10)) {
            throw new IllegalArgumentException("a window lasts 0.2 to 10 s, was " + seconds);
        }
        if (!(overlap >= 0 && overlap <= 0.9)) {
            throw new IllegalArgumentException("windows overlap by 0 to 0.9, was " + overlap);
        }
    }

    /** Samples in a window at this rate (at least 4). */
    public int length(int hz) {
        return Math.max(4, (int) Math.round(seconds * hz));
    }

    /** Samples from one window's start to the next one's (at least 1). */
    public int step(int hz) {
        return Math.max(1, (int) Math.round(length(hz) * (1 - overlap)));
    }

    /** How many whole windows {@code samples} samples hold. */
    public int count(int samples, int hz) {
        int length = length(hz);
        return samples < length ? 0 : (samples - length) / step(hz) + 1;
    }
}
