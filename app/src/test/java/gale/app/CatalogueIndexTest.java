package gale.app;

import static org.assertj.core.api.Assertions.assertThat;

import gale.app.cache.CacheConfig;
import gale.app.data.DataConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Seed 004's fix as a migration: left out with catalogueIndex false, applied by the next task started with true. */
class CatalogueIndexTest {

    @Test
    void theSkuIndexIsLeftOutThenAddedByTheNextTaskThatWantsIt() throws Exception {
        String url = "jdbc:h2:mem:index-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        ReferenceApp without =
                TestApps.start("web-noindex", DataConfig.of(url).withCatalogueIndex(false), CacheConfig.DEFAULT);
        try {
            assertThat(TestApps.get(without, "/catalogue?sku=SKU-000007").statusCode())
                    .isEqualTo(200);
            assertThat(skuIndexes(url)).isZero();
            assertThat(appliedMigrations(url)).isEqualTo(3);
        } finally {
            without.close();
        }

        ReferenceApp with = TestApps.start("web-index", DataConfig.of(url), CacheConfig.DEFAULT);
        try {
            assertThat(TestApps.get(with, "/catalogue?sku=SKU-000007").statusCode())
                    .isEqualTo(200);
            assertThat(skuIndexes(url)).isEqualTo(1);
            assertThat(appliedMigrations(url)).isEqualTo(4);
        } finally {
            with.close();
        }
    }

    private static int skuIndexes(String url) throws Exception {
        return count(url, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'GALE_CATALOGUE_SKU'");
    }

    private static int appliedMigrations(String url) throws Exception {
        return count(
                url,
                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IN ('1', '2', '3', '4')");
    }

    private static int count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
