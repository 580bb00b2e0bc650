package gale.monitor.notify;

/**
 * What a notifier did so far.
 *
 * @param delivered messages the receiver accepted
 * @param failed messages given up after their last attempt or a permanent error
 * @param dropped messages pushed out of a full queue
 * @param retries attempts after the first (rate limits included)
 */
public record NotifierStats(long delivered, long failed, long dropped, long retries) {}
