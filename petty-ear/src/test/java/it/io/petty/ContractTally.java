package it.io.petty;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints what {@link Contract} checked and what it could not (responses to paths or methods the OpenAPI document
 * does not have) when a test JVM's tests end; registered in META-INF/services.
 */
public final class ContractTally implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        System.out.println(Contract.tally());
    }
}
