package dev.wireplug.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The production code of every module obeys every rule. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(WireplugArchitecture.ROOT);
    }

    @TestFactory
    Stream<DynamicTest> productionCodeObeysEveryRule() {
        return WireplugArchitecture.ALL.stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }

    /** A rule about a package that has no classes would pass whatever happens: make sure each has some. */
    @Test
    void everyModulePackageTheRulesNameHasClasses() {
        for (String module : List.of("domain", "application", "application.port.out", "adapters.transport",
                "adapters.store", "bootstrap.client", "bootstrap.server")) {
            String prefix = WireplugArchitecture.ROOT + "." + module;
            assertFalse(production.stream().noneMatch(c -> c.getPackageName().startsWith(prefix)),
                    "no production classes under " + prefix);
        }
    }

    static void check(ArchRule rule, JavaClasses classes) {
        rule.check(classes);
    }
}
