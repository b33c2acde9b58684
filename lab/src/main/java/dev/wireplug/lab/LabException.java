package dev.wireplug.lab;

/** A lab operation failed: a command exited non-zero, a program did not come up, a check failed. */
public final class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
