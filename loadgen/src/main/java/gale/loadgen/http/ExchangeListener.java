package gale.loadgen.http;

/** Told on the event loop when an exchange ends, with a response or an error. */
@FunctionalInterface
public interface ExchangeListener {
    void onComplete(ClientExchange exchange);
}
