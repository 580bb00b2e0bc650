package gale.control.database;

/**
 * A database server that a {@code database-outage} fault can take down, and must bring back: the embedded H2 server
 * today, a managed MariaDB, PostgreSQL or Redis server process when the stack runs one. Each call returns once the
 * change is in force; each undo is idempotent. What a server does when Gale dies is its own: the embedded one dies
 * with Gale, a managed process must not stay stopped (SIGSTOP) once Gale is gone.
 */
public interface OutageTarget {

    /** What is taken down, for events: {@code embedded H2 on 127.0.0.1:40123}. */
    String describe();

    /** Down: connections are refused and those open are closed, as a crashed server's would be. */
    void stop();

    /** Back on the same address after {@link #stop()}, with the same data. */
    void start();

    /** Hung: the server keeps its connections but answers nothing, as a stopped process (SIGSTOP) would not. */
    void pause();

    /** Answers again after {@link #pause()}. */
    void resume();
}
