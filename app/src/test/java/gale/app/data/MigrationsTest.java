package gale.app.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/** What a task's migration does with a database an interrupted or overlapping start left behind. */
class MigrationsTest {

    private final String url =
            "jdbc:h2:mem:migrations_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void theSeedCompletesACatalogueThatHoldsSomeOfItsRowsAlready() throws SQLException {
        migrateTo("2");
        execute("INSERT INTO gale_catalogue (id, sku, name, category, price_cents) VALUES "
                + "(0, 'SKU-000000', 'Product 0', 'category-0', 100), "
                + "(19999, 'SKU-019999', 'Product 19999', 'category-19', 7463)");

        Migrations.apply(dataSource(), true);

        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet counts = statement.executeQuery(
                        "SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM gale_catalogue")) {
            counts.next();
            assertThat(new int[] {counts.getInt(1), counts.getInt(2), counts.getInt(3), counts.getInt(4)})
                    .containsExactly(CatalogueSeed.ROWS, CatalogueSeed.ROWS, 0, CatalogueSeed.ROWS - 1);
        }
    }

    @Test
    void aSeedRecordedAsFailedIsRefusedWithWhatToDo() throws SQLException {
        migrateTo("2");
        execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") VALUES"
                + " (3, '3', 'seed catalogue', 'JDBC', 'gale.app.data.CatalogueSeed', 20000, 'sa', 0, FALSE)");

        assertThatThrownBy(() -> Migrations.apply(dataSource(), true))
                .isInstanceOf(FlywayException.class)
                .hasMessageStartingWith("version 3 (seed catalogue) is recorded as failed in flyway_schema_history")
                .hasMessageContaining("`gale up --fresh`");
    }

    private void migrateTo(String version) {
        Flyway.configure()
                .dataSource(dataSource())
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    private javax.sql.DataSource dataSource() {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
