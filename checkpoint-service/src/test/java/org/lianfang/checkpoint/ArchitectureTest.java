package org.lianfang.checkpoint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The checkpoint stands alone, its gate rules are plain Java, and crossings never call another service. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.lianfang.checkpoint");

    @Test
    void dependsOnNoOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.lianfang.registry..", "org.lianfang.quarantine..", "org.lianfang.volunteer..",
                "org.lianfang.gateway..").check(CLASSES);
    }

    @Test
    void noSynchronousCallsToOtherServices() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.client..",
                "java.net.http..", "org.springframework.cloud.openfeign..").check(CLASSES);
    }

    @Test
    void commandAndQuerySidesDoNotKnowTheWeb() {
        noClasses().that().resideInAnyPackage("..command..", "..query..", "..people..", "..gate..")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "org.springframework.web..")
                .check(CLASSES);
    }

    @Test
    void theGateRulesArePlainJava() {
        noClasses().that().resideInAPackage("..checkpoint.gate..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "com.mongodb..", "org.bson..", "org.lianfang.platform..", "jakarta..")
                .check(CLASSES);
    }

    @Test
    void theAggregatesKnowNoStorage() {
        noClasses().that().haveSimpleName("Checkpoint").or().haveSimpleName("CheckpointCrossing")
                .or().haveSimpleName("TemporaryPass")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..",
                        "org.lianfang.platform..")
                .check(CLASSES);
    }
}
