package gale.balancer;

/** Why a request went to a second target. */
public enum RetryCause {
    /** The connection was refused or timed out: the request never reached the target, whatever its method. */
    CONNECT_FAILED,
    /** A pooled connection was closed before the request was written. */
    POOLED_CONNECTION_CLOSED,
    /** An idempotent request got no response byte before its connection failed. */
    NO_RESPONSE
}
