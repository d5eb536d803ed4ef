package org.lianfang.volunteer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The volunteer service stands alone: no other service's code, layers point one way, rules know no framework. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.lianfang.volunteer");

    @Test
    void dependsOnNoOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.lianfang.registry..", "org.lianfang.checkpoint..", "org.lianfang.quarantine..",
                "org.lianfang.gateway..").check(CLASSES);
    }

    @Test
    void commandAndQuerySidesDoNotKnowTheWeb() {
        noClasses().that().resideInAnyPackage("..command..", "..query..")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "org.springframework.web..",
                        "org.lianfang.platform.security..", "org.lianfang.platform.problem..")
                .check(CLASSES);
    }

    @Test
    void everyControllerSaysWhichRolesMayCallIt() {
        classes().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().beAnnotatedWith(org.lianfang.platform.security.Allowed.class)
                .check(CLASSES);
    }

    @Test
    void aggregatesAndPoliciesKnowNoStorageAndNoSpring() {
        noClasses().that().haveSimpleNameEndingWith("Policy")
                .or().haveSimpleName("Volunteer").or().haveSimpleName("Team").or().haveSimpleName("Shift")
                .or().haveSimpleName("DeliveryOrder").or().haveSimpleName("DisinfectionRound")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..",
                        "org.lianfang.platform..", "org.springframework..")
                .check(CLASSES);
    }
}
