package gale.dataserver;

/** A server's binary is not installed: the message names the Debian package to install. */
public final class MissingBinaryException extends RuntimeException {

    MissingBinaryException(String message) {
        super(message);
    }
}
