package dev.wireplug.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;

/**
 * The dependency rule of the hexagon, as ArchUnit rules. Every rule fails when it matches no
 * class (ArchUnit's failOnEmptyShould), so a misspelt package cannot make a rule pass vacuously;
 * {@code ArchitectureRulesCanFailTest} shows each rule failing on a deliberately wrong sample.
 */
final class WireplugArchitecture {
    static final String ROOT = "dev.wireplug";
    static final String DOMAIN = "dev.wireplug.domain..";
    static final String APPLICATION = "dev.wireplug.application..";
    static final String PORTS_OUT = "dev.wireplug.application.port.out..";
    static final String ADAPTERS = "dev.wireplug.adapters..";
    static final String BOOTSTRAPS = "dev.wireplug.bootstrap..";

    /** Libraries that belong to adapters and bootstraps only. */
    static final List<String> FRAMEWORKS = List.of(
            "io.netty..", "com.sun.jna..", "org.bouncycastle..", "dagger..", "io.lettuce..", "picocli..");

    /** Prefixes that name no technology: an implementation called DefaultX or BasicX says nothing. */
    static final Set<String> NON_TECHNOLOGY_PREFIXES =
            Set.of("", "Default", "Simple", "Basic", "Generic", "Base", "Abstract", "My", "Standard", "Real");

    private WireplugArchitecture() {}

    static final ArchRule DOMAIN_DEPENDS_ON_JDK_ONLY = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .as("domain depends on nothing but the JDK");

    static final ArchRule APPLICATION_DEPENDS_ON_DOMAIN_AND_JDK_ONLY = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..")
            .as("application depends on nothing but domain and the JDK");

    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("dev.wireplug.adapters.(*)..")
            .should().notDependOnEachOther()
            .as("adapter modules do not depend on each other");

    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_BOOTSTRAPS = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(BOOTSTRAPS)
            .as("adapters do not depend on bootstraps");

    static final ArchRule FRAMEWORKS_ONLY_IN_ADAPTERS_AND_BOOTSTRAPS = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .and().resideOutsideOfPackages(ADAPTERS, BOOTSTRAPS)
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS.toArray(String[]::new))
            .as("Netty, JNA, BouncyCastle, Dagger, Lettuce and picocli are used only in adapters and bootstraps");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("dev.wireplug.(**)")
            .should().beFreeOfCycles()
            .as("packages are free of cycles");

    static final ArchRule PORT_IMPLEMENTATIONS_ARE_NAMED_FOR_THEIR_TECHNOLOGY = classes()
            .that().resideInAnyPackage(ADAPTERS)
            .and().areNotInterfaces()
            .and().implement(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "a port", WireplugArchitecture::isPort))
            .should(beNamedTechnologyPlusPort())
            .as("an adapter implementing port P is named <Technology>P");

    private static ArchCondition<JavaClass> beNamedTechnologyPlusPort() {
        return new ArchCondition<>("be named <Technology><Port>") {
            @Override
            public void check(JavaClass adapter, ConditionEvents events) {
                for (JavaClass port : adapter.getAllRawInterfaces()) {
                    if (!isPort(port)) {
                        continue;
                    }
                    String name = adapter.getSimpleName();
                    String portName = port.getSimpleName();
                    boolean named = name.endsWith(portName)
                            && !NON_TECHNOLOGY_PREFIXES.contains(name.substring(0, name.length() - portName.length()));
                    String message = adapter.getName() + " implements " + portName + " and "
                            + (named ? "is" : "is not") + " named <Technology>" + portName
                            + " (e.g. Uapi" + portName + ")";
                    events.add(new SimpleConditionEvent(adapter, named, message));
                }
            }
        };
    }

    /**
     * A port is a top-level interface of {@code application.port.out}; interfaces nested in a port
     * (a listener, a handle) are callbacks, and whoever implements them need not be an adapter.
     */
    static boolean isPort(JavaClass type) {
        return type.isInterface() && type.getPackageName().startsWith("dev.wireplug.application.port.out")
                && type.getEnclosingClass().isEmpty();
    }

    static final List<ArchRule> ALL = List.of(
            DOMAIN_DEPENDS_ON_JDK_ONLY,
            APPLICATION_DEPENDS_ON_DOMAIN_AND_JDK_ONLY,
            ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
            ADAPTERS_DO_NOT_DEPEND_ON_BOOTSTRAPS,
            FRAMEWORKS_ONLY_IN_ADAPTERS_AND_BOOTSTRAPS,
            NO_PACKAGE_CYCLES,
            PORT_IMPLEMENTATIONS_ARE_NAMED_FOR_THEIR_TECHNOLOGY);
}
