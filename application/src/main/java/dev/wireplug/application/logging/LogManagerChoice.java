package dev.wireplug.application.logging;

/**
 * Chooses {@link ShutdownLogManager} as the JVM's LogManager. This lives apart from the manager:
 * calling a static method of a LogManager subclass would initialise LogManager itself, which reads
 * the property at that moment, before the method could set it.
 */
public final class LogManagerChoice {
    static final String PROPERTY = "java.util.logging.manager";

    private LogManagerChoice() {
    }

    /**
     * Call first thing in main, before anything logs (the JDK reads the property once, when
     * logging starts). A manager chosen on the command line wins.
     */
    public static void shutdownSafe() {
        if (System.getProperty(PROPERTY) == null) {
            // A class literal loads the class without initialising it (or LogManager).
            System.setProperty(PROPERTY, ShutdownLogManager.class.getName());
        }
    }
}
