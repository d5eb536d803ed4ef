package org.lianfang.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The registry stands alone: no other service's code, and the layers point one way. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.lianfang.registry");

    @Test
    void dependsOnNoOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.lianfang.quarantine..", "org.lianfang.checkpoint..", "org.lianfang.volunteer..",
                "org.lianfang.gateway..").check(CLASSES);
    }

    @Test
    void commandAndQuerySidesDoNotKnowTheWeb() {
        noClasses().that().resideInAnyPackage("..command..", "..query..")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "org.springframework.web..")
                .check(CLASSES);
    }

    @Test
    void theColourRulesArePlainJava() {
        noClasses().that().resideInAPackage("..person.colour..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "com.mongodb..", "org.bson..", "org.lianfang.platform..", "jakarta..")
                .check(CLASSES);
    }

    @Test
    void theAggregatesKnowNoStorage() {
        noClasses().that().haveSimpleName("Compound")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..",
                        "org.lianfang.platform..")
                .check(CLASSES);
    }

    @Test
    void theAggregateKnowsNoStorage() {
        noClasses().that().haveSimpleName("Person")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..",
                        "org.lianfang.platform..")
                .check(CLASSES);
    }
}
