package io.petty.domain.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.petty.domain.testing.ArchitectureRules;

/** petty-domain's package rules (DESIGN.md), checked on its compiled classes. */
@AnalyzeClasses(packages = "io.petty.domain", importOptions = ArchitectureRules.MainCodeOnly.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = ArchitectureRules.noCyclesBetweenFeatures();

    @ArchTest
    static final ArchRule internalPackagesStayInsideTheirFeature = ArchitectureRules.internalPackagesStayInsideTheirFeature();

    @ArchTest
    static final ArchRule domainKnowsNoHttpAndNoOuterModule = ArchitectureRules.domainKnowsNoHttpAndNoOuterModule();
}
