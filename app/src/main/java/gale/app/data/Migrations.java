package gale.app.data;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema, as Flyway migrations (one set for H2, MariaDB and PostgreSQL, under {@code db/migration}): 1 the seed
 * value and short URLs, 2 the catalogue, 3 its rows, 4 the catalogue's sku index, left out when
 * {@link DataConfig#catalogueIndex()} is false. Flyway locks its history table, so tasks that start together migrate
 * once.
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final int ATTEMPTS = 10;

    /** The last migration without seed 004's index. */
    static final String WITHOUT_INDEX = "3";

    private Migrations() {}

    /**
     * Applies what is missing. A task that can't take Flyway's lock in time (H2 gives up after a second while another
     * task seeds the catalogue) tries again: the other task's work is then done.
     */
    static void apply(DataSource dataSource, boolean catalogueIndex) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new CatalogueSeed())
                .target(catalogueIndex ? MigrationVersion.LATEST : MigrationVersion.fromVersion(WITHOUT_INDEX))
                .loggers("slf4j")
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (FlywayException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.debug("Migration attempt {} failed: {}", attempt, e.toString());
            }
        }
    }
}
