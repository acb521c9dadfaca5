package io.petty.cli.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.petty.domain.testing.ArchitectureRules;

/** petty-cli's package rules (DESIGN.md), checked on its classes together with the domain's. */
@AnalyzeClasses(packages = {"io.petty.cli", "io.petty.domain"}, importOptions = ArchitectureRules.MainCodeOnly.class)
class CliArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = ArchitectureRules.noCyclesBetweenFeatures();

    @ArchTest
    static final ArchRule internalPackagesStayInsideTheirFeature = ArchitectureRules.internalPackagesStayInsideTheirFeature();
}
