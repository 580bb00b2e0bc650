package gale.balancer.internal.http1;

/**
 * How a request's body is framed, and the desync rules that framing breaks (RFC 9112 §6): Content-Length and
 * Transfer-Encoding, alone, together, repeated, or on methods and versions where a body has no meaning.
 */
final class BodyRules {
    private BodyRules() {}

    /** True when the body is chunked; notes on {@code f} every rule broken. */
    static boolean chunked(HeaderFields f, String method, boolean http10) {
        if (f.badContentLength) {
            f.note(DesyncReason.BAD_CONTENT_LENGTH);
        } else if (f.conflictingContentLength) {
            f.note(DesyncReason.MULTIPLE_CONTENT_LENGTH);
        } else if (f.contentLengths > 1) {
            f.note(DesyncReason.DUPLICATE_CONTENT_LENGTH);
        }
        boolean bodyless = "GET".equals(method) || "HEAD".equals(method);
        if (f.transferEncodings == 0) {
            if (bodyless && f.contentLength >= 0) {
                f.note(
                        f.contentLength == 0
                                ? DesyncReason.GET_HEAD_ZERO_CONTENT_LENGTH
                                : DesyncReason.UNDEFINED_CONTENT_LENGTH_SEMANTICS);
            }
            return false;
        }
        int chunked = f.chunkedCodings();
        if (chunked < 0) {
            f.note(DesyncReason.BAD_TRANSFER_ENCODING);
        } else if (chunked > 1) {
            f.note(DesyncReason.MULTIPLE_TRANSFER_ENCODING_CHUNKED);
        }
        if (f.contentLengths > 0) {
            f.note(DesyncReason.BOTH_TE_CL_PRESENT);
            f.dropContentLength();
        }
        if (http10 || bodyless) {
            f.note(DesyncReason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS);
        }
        return chunked == 1;
    }
}
