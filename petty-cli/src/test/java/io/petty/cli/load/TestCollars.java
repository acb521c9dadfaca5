package io.petty.cli.load;

import io.petty.domain.collars.CollarFactory;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Collars as the factory would hand them out, for tests whose server is scripted and knows no database. */
final class TestCollars {

    private TestCollars() {
    }

    static Supplier<CollarFactory.MadeCollar> factory() {
        AtomicInteger made = new AtomicInteger();
        return () -> {
            int n = made.incrementAndGet();
            return new CollarFactory.MadeCollar(String.format(Locale.ROOT, "LD-%06d", n), "secret-" + n,
                    "AAAA-AAAA-AAAA-AAAA");
        };
    }
}
