package io.petty.cli.load;

import io.petty.domain.collars.CollarFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The simulated fleet's collars, made as the factory makes them ({@code petty collars provision}) in the server's
 * database, a hundred at a time, under a prefix of their own (LD) so they are easy to tell from real ones.
 */
final class FactoryCollars implements Supplier<CollarFactory.MadeCollar> {

    static final String PREFIX = "LD";
    private static final int BATCH = 100;

    private final CollarFactory factory;
    private final Deque<CollarFactory.MadeCollar> made = new ArrayDeque<>();

    FactoryCollars(CollarFactory factory) {
        this.factory = factory;
    }

    @Override
    public synchronized CollarFactory.MadeCollar get() {
        if (made.isEmpty()) {
            made.addAll(factory.make(PREFIX, BATCH));
            if (made.isEmpty()) {
                throw new IllegalStateException("the factory has no free " + PREFIX + " serials left");
            }
        }
        return made.removeFirst();
    }
}
