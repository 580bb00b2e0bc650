package gale.app.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 3: fills the catalogue with {@link #ROWS} products in batches, the same on every engine (a recursive
 * SQL insert would be written three ways). Their skus are {@code SKU-000000} to {@code SKU-019999}.
 *
 * <p>It inserts only the rows that are missing: on H2 and MariaDB a migration is not rolled back when it fails (no
 * transactional DDL), so rows of an interrupted or overlapping run can be there already, and a retry must complete
 * the catalogue instead of failing on their keys.
 */
final class CatalogueSeed implements JavaMigration {

    static final int ROWS = 20_000;
    static final int CATEGORIES = 20;
    private static final int BATCH = 1_000;

    static String sku(int id) {
        return "SKU-%06d".formatted(id);
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "seed catalogue";
    }

    @Override
    public Integer getChecksum() {
        return ROWS;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        BitSet present = presentIds(connection);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO gale_catalogue (id, sku, name, category, price_cents) VALUES (?, ?, ?, ?, ?)")) {
            for (int id = present.nextClearBit(0); id < ROWS; id = present.nextClearBit(id + 1)) {
                insert.setInt(1, id);
                insert.setString(2, sku(id));
                insert.setString(3, "Product " + id);
                insert.setString(4, "category-" + (id % CATEGORIES));
                insert.setInt(5, 100 + (id * 37) % 10_000);
                insert.addBatch();
                if ((id + 1) % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static BitSet presentIds(Connection connection) throws SQLException {
        BitSet present = new BitSet(ROWS);
        try (Statement select = connection.createStatement();
                ResultSet ids = select.executeQuery("SELECT id FROM gale_catalogue WHERE id >= 0 AND id < " + ROWS)) {
            while (ids.next()) {
                present.set(ids.getInt(1));
            }
        }
        return present;
    }
}
