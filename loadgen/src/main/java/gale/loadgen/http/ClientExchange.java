package gale.loadgen.http;

/**
 * One request's progress and timings (System.nanoTime), reused by its VU for every request it sends so the hot
 * path allocates nothing. Written and read on the VU's event loop only.
 */
public final class ClientExchange {

    static final int BODY_LIMIT = 64 * 1024;

    PreparedRequest request;
    ExchangeListener listener;
    Connection connection;
    /** When the request was due: its intended start in the open model, else when it was asked to send. */
    long start;

    long acquired;
    long connectStart;
    long connectEnd;
    long writeEnd;
    long firstByte;
    long end;
    int status;
    boolean keepAlive;
    long bytesSent;
    long bytesReceived;
    ErrorKind error;
    StringBuilder body;
    /** Response header lines ("Name: value"), kept only when the request asks for them. */
    java.util.ArrayList<String> headers;

    boolean fromIntendedStart;
    /** Whether the exchange went as an HTTP/2 stream (else HTTP/1.1). */
    boolean http2;

    /** Prepares for a new request; {@code intendedStart} 0 means now (closed model). */
    public void reset(PreparedRequest request, long intendedStart) {
        this.request = request;
        this.fromIntendedStart = intendedStart != 0;
        this.start = intendedStart;
        acquired = connectStart = connectEnd = writeEnd = firstByte = end = 0;
        status = 0;
        keepAlive = true;
        bytesSent = bytesReceived = 0;
        error = null;
        connection = null;
        http2 = false;
        if (request.needsBody()) {
            if (body == null) {
                body = new StringBuilder();
            }
            body.setLength(0);
        }
        if (request.needsHeaders()) {
            if (headers == null) {
                headers = new java.util.ArrayList<>();
            }
            headers.clear();
        }
    }

    void complete() {
        if (end == 0) {
            end = System.nanoTime();
        }
        ExchangeListener l = listener;
        listener = null;
        connection = null;
        if (l != null) {
            l.onComplete(this);
        }
    }

    void fail(ErrorKind kind) {
        if (error == null) {
            error = kind;
        }
        complete();
    }

    public PreparedRequest request() {
        return request;
    }

    public int status() {
        return status;
    }

    public ErrorKind error() {
        return error;
    }

    /** k6's default expected response: a status 200-399 and no network error. */
    public boolean failed() {
        return error != null || status < 200 || status >= 400;
    }

    public CharSequence body() {
        return body;
    }

    /** The response's header lines ("Name: value"), or an empty list unless the request kept them. */
    public java.util.List<String> headers() {
        return headers == null || !request.needsHeaders() ? java.util.List.of() : headers;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** Waiting for a connection, connect included (k6's http_req_blocked). */
    public long blockedNanos() {
        return acquired == 0 ? 0 : acquired - start;
    }

    public long connectingNanos() {
        return connectEnd == 0 ? 0 : connectEnd - connectStart;
    }

    public long sendingNanos() {
        return writeEnd == 0 ? 0 : writeEnd - acquired;
    }

    public long waitingNanos() {
        return firstByte == 0 || writeEnd == 0 ? 0 : Math.max(0, firstByte - writeEnd);
    }

    public long receivingNanos() {
        return firstByte == 0 ? 0 : end - firstByte;
    }

    /** The protocol as k6 tags it: {@code HTTP/2.0} or {@code HTTP/1.1}. */
    public String protocol() {
        return http2 ? "HTTP/2.0" : "HTTP/1.1";
    }

    public boolean isHttp2() {
        return http2;
    }

    public boolean gotResponse() {
        return status != 0;
    }

    /**
     * k6's http_req_duration (sending + waiting + receiving). In the open model the first request of an iteration is
     * measured from its intended start instead, so time spent queued on our side (no connection free, loop late) is
     * not omitted: wrk2's coordinated-omission correction.
     */
    public long durationNanos() {
        long from = fromIntendedStart || acquired == 0 ? start : acquired;
        return Math.max(0, end - from);
    }
}
