package gale.app;

/** The app could not start: its database or its port. The message says which, and why. */
public final class AppStartException extends RuntimeException {

    public AppStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
