package gale.control.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseOutageTest {

    @TempDir
    Path directory;

    @Test
    void stopRefusesConnectionsAndStartListensAgainOnTheSamePortWithTheSameData() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory)) {
            int port = database.port();
            try (Connection connection = connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (n INT)");
                statement.execute("INSERT INTO kept VALUES (42)");
            }

            database.stop();
            assertThatThrownBy(() -> connect(database)).isInstanceOf(SQLException.class);

            database.start();
            assertThat(database.port()).isEqualTo(port);
            assertThat(count(database)).isEqualTo(42);
        }
    }

    @Test
    void pauseHoldsStatementsOfOpenConnectionsUntilResume() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory);
                Connection connection = connect(database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (n INT)");
                statement.execute("INSERT INTO kept VALUES (7)");
            }

            database.pause();
            CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT n FROM kept")) {
                    rows.next();
                    return rows.getInt(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> held.get(1500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

            database.resume();
            assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(7);
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), "sa", "");
    }

    private static int count(EmbeddedDatabase database) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n FROM kept")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
