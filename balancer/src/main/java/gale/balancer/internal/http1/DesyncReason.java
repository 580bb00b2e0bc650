package gale.balancer.internal.http1;

import static gale.balancer.DesyncClassification.ACCEPTABLE;
import static gale.balancer.DesyncClassification.AMBIGUOUS;
import static gale.balancer.DesyncClassification.COMPLIANT;
import static gale.balancer.DesyncClassification.SEVERE;

import gale.balancer.BalancerError;
import gale.balancer.DesyncClassification;

/**
 * Why a request has its {@link DesyncClassification}: the rule it broke that weighs most. The labels are
 * http_desync_guardian's (and so ALB's access log's {@code classification_reason}) where a rule is theirs.
 */
public enum DesyncReason {
    COMPLIANT_REQUEST("Compliant", COMPLIANT, null),

    /** A line ends with LF alone; the balancer forwards CRLF. */
    NON_CRLF_LINE_TERMINATION("NonCrLfLineTermination", ACCEPTABLE, BalancerError.MALFORMED),
    /** A field whose name is not a token or whose value holds a control character; not forwarded. */
    NON_COMPLIANT_HEADER("NonCompliantHeader", ACCEPTABLE, BalancerError.MALFORMED),
    /** GET or HEAD with {@code Content-Length: 0}. */
    GET_HEAD_ZERO_CONTENT_LENGTH("GetHeadZeroContentLength", ACCEPTABLE, BalancerError.SMUGGLING),
    /** {@code GET http://host/path}: a target may route by its authority where the balancer routes by Host. */
    ABSOLUTE_FORM_TARGET("AbsoluteFormTarget", ACCEPTABLE, BalancerError.MALFORMED),

    /** A field line with nothing before its colon; not forwarded. */
    EMPTY_HEADER("EmptyHeader", AMBIGUOUS, BalancerError.MALFORMED),
    /** A field line without a colon; not forwarded. */
    MISSING_HEADER_COLON("MissingHeaderColon", AMBIGUOUS, BalancerError.MALFORMED),
    /** obs-fold: a line that starts with whitespace; forwarded joined by a space (RFC 9112 §5.2). */
    MULTILINE_HEADER("MultilineHeader", AMBIGUOUS, BalancerError.MALFORMED),
    /** A name that reads as Transfer-Encoding or Content-Length once normalized; not forwarded. */
    SUSPICIOUS_HEADER("SuspiciousHeader", AMBIGUOUS, BalancerError.SMUGGLING),
    /** The same Content-Length twice; forwarded once. */
    DUPLICATE_CONTENT_LENGTH("DuplicateContentLength", AMBIGUOUS, BalancerError.SMUGGLING),
    /** Transfer-Encoding beside Content-Length: framed as chunked, Content-Length not forwarded (RFC 9112 §6.3). */
    BOTH_TE_CL_PRESENT("BothTeClPresent", AMBIGUOUS, BalancerError.SMUGGLING),
    /** A body on GET or HEAD by Content-Length. */
    UNDEFINED_CONTENT_LENGTH_SEMANTICS("UndefinedContentLengthSemantics", AMBIGUOUS, BalancerError.SMUGGLING),
    /** Transfer-Encoding on GET or HEAD, or in an HTTP/1.0 request. */
    UNDEFINED_TRANSFER_ENCODING_SEMANTICS("UndefinedTransferEncodingSemantics", AMBIGUOUS, BalancerError.SMUGGLING),

    BAD_METHOD("BadMethod", SEVERE, BalancerError.MALFORMED),
    /** No target, or a control character (NUL, CR, ...) in it. */
    BAD_URI("BadUri", SEVERE, BalancerError.MALFORMED),
    /** Not {@code HTTP/1.1} or {@code HTTP/1.0}, or a space in the target. */
    BAD_VERSION("BadVersion", SEVERE, BalancerError.MALFORMED),
    /** NUL, or a CR that does not end a line, anywhere in a field line. */
    BAD_HEADER("BadHeader", SEVERE, BalancerError.MALFORMED),
    /** obs-fold on a field the balancer reads (Host, Content-Length, Transfer-Encoding, Connection, ...). */
    FOLDED_SPECIAL_HEADER("FoldedSpecialHeader", SEVERE, BalancerError.MALFORMED),
    /** Content-Length that is not only digits (a sign, inner spaces, a list), or longer than 18 digits. */
    BAD_CONTENT_LENGTH("BadContentLength", SEVERE, BalancerError.SMUGGLING),
    /** Content-Length fields that differ. */
    MULTIPLE_CONTENT_LENGTH("MultipleContentLength", SEVERE, BalancerError.SMUGGLING),
    /** A transfer coding other than {@code chunked}, or an empty one. */
    BAD_TRANSFER_ENCODING("BadTransferEncoding", SEVERE, BalancerError.SMUGGLING),
    /** {@code chunked} more than once. */
    MULTIPLE_TRANSFER_ENCODING_CHUNKED("MultipleTransferEncodingChunked", SEVERE, BalancerError.SMUGGLING),
    /** A chunk-size line that is not hex digits (or has more than 15 of them), or a chunk not ended by CRLF. */
    BAD_CHUNKED_BODY("BadChunkedBody", SEVERE, BalancerError.MALFORMED);

    private final String label;
    private final DesyncClassification classification;
    private final BalancerError error;

    DesyncReason(String label, DesyncClassification classification, BalancerError error) {
        this.label = label;
        this.classification = classification;
        this.error = error;
    }

    public String label() {
        return label;
    }

    public DesyncClassification classification() {
        return classification;
    }

    /** The answer when a mode refuses a request for this reason. */
    public BalancerError error() {
        return error;
    }

    /** The one that weighs more; {@code current} when they weigh the same, so the first rule found is kept. */
    static DesyncReason worse(DesyncReason current, DesyncReason found) {
        return found.classification.compareTo(current.classification) > 0 ? found : current;
    }
}
