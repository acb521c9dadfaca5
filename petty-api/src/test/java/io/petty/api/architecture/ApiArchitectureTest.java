package io.petty.api.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.petty.domain.testing.ArchitectureRules;

/** petty-api's package rules (DESIGN.md), checked on its classes together with the domain's. */
@AnalyzeClasses(packages = {"io.petty.api", "io.petty.domain"}, importOptions = ArchitectureRules.MainCodeOnly.class)
class ApiArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = ArchitectureRules.noCyclesBetweenFeatures();

    @ArchTest
    static final ArchRule internalPackagesStayInsideTheirFeature = ArchitectureRules.internalPackagesStayInsideTheirFeature();
}
