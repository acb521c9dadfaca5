package io.petty.domain.testing;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module and package rules of DESIGN.md, shared by every module's architecture test: each module checks its
 * own classes together with those of the modules it is built on.
 */
public final class ArchitectureRules {

    /** A feature's implementation package, and the feature it belongs to: {@code io.petty.domain.x.internal}. */
    private static final Pattern INTERNAL = Pattern.compile("(io\\.petty\\.[a-z]+\\.[a-z]+)\\.internal(\\..*)?");

    private ArchitectureRules() {
    }

    /**
     * Leaves out test code wherever it is: this module's test classes, and the domain's test jar that the other modules
     * test with (ArchUnit's own option knows only test directories).
     */
    public static final class MainCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    /** No cycles between features (a feature is {@code io.petty.<module>.<feature>} with its subpackages). */
    public static ArchRule noCyclesBetweenFeatures() {
        return slices().matching("io.petty.(*).(*)..").namingSlices("$1.$2").should().beFreeOfCycles();
    }

    /** What a feature keeps in its {@code internal} package is reached only from within that feature. */
    public static ArchRule internalPackagesStayInsideTheirFeature() {
        return classes().that().resideInAPackage("io.petty..").should(new ArchCondition<>("reach another feature's "
                + "internal package only through its public types") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Matcher internal = INTERNAL.matcher(dependency.getTargetClass().getPackageName());
                    String from = origin.getPackageName();
                    if (internal.matches() && !(from.equals(internal.group(1)) || from.startsWith(internal.group(1) + "."))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        });
    }

    /** The domain knows no HTTP and nothing of the modules built on it. */
    public static ArchRule domainKnowsNoHttpAndNoOuterModule() {
        return noClasses().that().resideInAPackage("io.petty.domain..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..", "io.petty.api..", "io.petty.batch..",
                        "io.petty.cli..");
    }
}
