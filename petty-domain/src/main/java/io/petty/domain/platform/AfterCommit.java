package io.petty.domain.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs what tells of stored work (a metric counting it) once that work is committed: a transaction that rolls back
 * stored nothing, and a counter that had counted it would lie.
 */
@ApplicationScoped
public class AfterCommit {

    private final TransactionSynchronizationRegistry transactions;

    @Inject
    public AfterCommit(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected AfterCommit() {
        this.transactions = null;
    }

    /** Runs the action after the current transaction commits (never if it rolls back), or now outside one. */
    public void run(Runnable action) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            action.run();
        } else if (status == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // Only the outcome matters.
                }

                @Override
                public void afterCompletion(int outcome) {
                    if (outcome == Status.STATUS_COMMITTED) {
                        action.run();
                    }
                }
            });
        }
    }
}
