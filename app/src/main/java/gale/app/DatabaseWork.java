package gale.app;

import java.time.Duration;

/** Blocking work on the database, given what is left of the request's pool timeout to get a connection. */
@FunctionalInterface
interface DatabaseWork<T> {
    T run(Duration wait) throws Exception;
}
