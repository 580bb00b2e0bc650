package gale.app.data;

import java.sql.PreparedStatement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 3: fills the catalogue with {@link #ROWS} products in batches, the same on every engine (a recursive
 * SQL insert would be written three ways). Their skus are {@code SKU-000000} to {@code SKU-019999}.
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
        try (PreparedStatement insert = context.getConnection()
                .prepareStatement(
                        "INSERT INTO gale_catalogue (id, sku, name, category, price_cents) VALUES (?, ?, ?, ?, ?)")) {
            for (int id = 0; id < ROWS; id++) {
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
}
