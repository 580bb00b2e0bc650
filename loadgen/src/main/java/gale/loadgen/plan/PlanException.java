package gale.loadgen.plan;

/**
 * A plan, a flag or a threshold that cannot be accepted. It is an {@link IllegalArgumentException} so the CLI maps
 * it to exit code 2 (bad input) before any request is sent; the message names the field and what was expected.
 */
public final class PlanException extends IllegalArgumentException {

    public PlanException(String message) {
        super(message);
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
    }

    static PlanException field(String field, Object value, String expected) {
        return new PlanException(field + ": " + value + " (expected: " + expected + ")");
    }
}
