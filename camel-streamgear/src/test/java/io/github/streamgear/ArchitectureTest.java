package io.github.streamgear;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package rules of the main classes, checked on their bytecode.
 * <p>
 * Plain JUnit tests calling {@code rule.check(classes)}, not {@code @ArchTest} fields: Surefire 3.5.3 (the version
 * this build uses) silently runs no {@code @ArchTest} field (SUREFIRE-2298, TNG/ArchUnit#1442, fixed in 3.5.4), so
 * such a rule would report "Tests run: 0" and never fail.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.streamgear");
    }

    /** The engine stays usable and testable without Camel. */
    @Test
    void engineDoesNotDependOnCamel() {
        noClasses().that().resideInAPackage("io.github.streamgear.engine..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(classes);
    }

    /**
     * The engine's own package holds only what every part of it shares (StreamGearException, Credentials) and uses no
     * part of it, so that it closes no cycle either.
     */
    @Test
    void engineRootPackageIsALeaf() {
        noClasses().that().resideInAPackage("io.github.streamgear.engine")
                .should().dependOnClassesThat().resideInAPackage("io.github.streamgear.engine.*..")
                .check(classes);
    }

    /** No cycle between the engine's sub-packages (job, settings, command, frames, ladder, output, probe, ffmpeg). */
    @Test
    void engineSubPackagesFormNoCycle() {
        slices().matching("io.github.streamgear.engine.(*)..").should().beFreeOfCycles().check(classes);
    }
}
