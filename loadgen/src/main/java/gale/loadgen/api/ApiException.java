package gale.loadgen.api;

/** A request the API refuses, with the HTTP status it answers and a sentence saying why. */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
