package com.wheretoeat.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The module rules of docs/architecture.md, as tests: a rule only written down is not a rule. */
class ArchitectureTest {
    private static final String CORE = "com.wheretoeat.core..";
    private static final String JSON = "com.wheretoeat.json..";
    private static final String REDIS = "com.wheretoeat.redis..";
    private static final String VENUES = "com.wheretoeat.venues..";
    private static final String NAMES = "com.wheretoeat.names..";
    private static final String WEBSOCKET = "com.wheretoeat.websocket..";
    private static final String HTTP = "com.wheretoeat.http..";
    private static final String APP = "com.wheretoeat.app..";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
            .importPackages("com.wheretoeat");

    @Test
    void theCoreDependsOnNothingButItselfAndTheJdk() {
        classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, "java..")
                .check(PRODUCTION);
    }

    @Test
    void theCoreRulesNeverReadTheWallClockOrARandomSourceThemselves() {
        noClasses().that().resideInAnyPackage("com.wheretoeat.core", "com.wheretoeat.core.model..", "com.wheretoeat.core.service..")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callConstructor(Random.class)
                .orShould().callConstructor(SecureRandom.class)
                .check(PRODUCTION);
    }

    @Test
    void theJsonCodecKnowsOnlyTheCoreAndJackson() {
        classes().that().resideInAPackage(JSON)
                .should().onlyDependOnClassesThat().resideInAnyPackage(JSON, CORE, "com.fasterxml.jackson..", "java..")
                .check(PRODUCTION);
    }

    @Test
    void adaptersNeverDependOnEachOther() {
        noClasses().that().resideInAPackage(REDIS)
                .should().dependOnClassesThat().resideInAnyPackage(WEBSOCKET, HTTP).check(PRODUCTION);
        noClasses().that().resideInAPackage(WEBSOCKET)
                .should().dependOnClassesThat().resideInAnyPackage(REDIS, HTTP).check(PRODUCTION);
        classes().that().resideInAPackage(VENUES)
                .should().onlyDependOnClassesThat().resideInAnyPackage(VENUES, CORE, "com.fasterxml.jackson..",
                        "com.github.benmanes.caffeine..", "java..")
                .check(PRODUCTION);
        noClasses().that().resideInAPackage(HTTP)
                .should().dependOnClassesThat().resideInAnyPackage(REDIS, WEBSOCKET).check(PRODUCTION);
        classes().that().resideInAPackage(NAMES)
                .should().onlyDependOnClassesThat().resideInAnyPackage(NAMES, CORE, "com.ibm.icu..", "java..")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheAppKnowsEveryModule() {
        noClasses().that().resideOutsideOfPackage(APP)
                .should().dependOnClassesThat().resideInAPackage(APP)
                .check(PRODUCTION);
        classes().that().resideInAPackage(APP)
                .should().onlyDependOnClassesThat().resideInAnyPackage(APP, CORE, JSON, REDIS, WEBSOCKET, HTTP, VENUES, NAMES,
                        "org.slf4j..", "io.micrometer..", "com.fasterxml.jackson..", "java..", "sun.misc..",
                        // The JDK's own view of the process's file-descriptor limit (jdk.management).
                        "com.sun.management..")
                .check(PRODUCTION);
    }
}
