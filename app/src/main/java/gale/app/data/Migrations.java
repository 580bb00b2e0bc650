package gale.app.data;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema, as Flyway migrations (one set for H2, MariaDB and PostgreSQL, under {@code db/migration}): 1 the seed
 * value and short URLs, 2 the catalogue, 3 its rows, 4 the catalogue's sku index, left out when
 * {@link DataConfig#catalogueIndex()} is false. Tasks that start together take Flyway's lock, but on H2 that lock is
 * a {@code SELECT ... FOR UPDATE} of the history's rows (nothing is held while the history is empty), and on H2 and
 * MariaDB (no transactional DDL) Flyway commits, rather than rolls back, what a failing migration wrote. So a retry
 * can run over an interrupted seed's rows, and the seed inserts only the missing ones.
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final int ATTEMPTS = 10;

    /** The last migration without seed 004's index. */
    static final String WITHOUT_INDEX = "3";

    private Migrations() {}

    /**
     * Applies what is missing. A task that can't take Flyway's lock in time (H2 gives up after a second while another
     * task seeds the catalogue) tries again: the other task's work is then done. A migration recorded as failed is
     * not retried: Flyway refuses every start until the database is recreated, so the message says how.
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
                refuseFailedMigration(flyway, e);
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.debug("Migration attempt {} failed: {}", attempt, e.toString());
            }
        }
    }

    private static void refuseFailedMigration(Flyway flyway, FlywayException cause) {
        MigrationInfo failed;
        try {
            failed = Arrays.stream(flyway.info().all())
                    .filter(migration -> migration.getState().isFailed())
                    .findFirst()
                    .orElse(null);
        } catch (FlywayException unreadable) {
            return; // the next attempt reports it
        }
        if (failed != null) {
            throw new FlywayException(
                    "version %s (%s) is recorded as failed in flyway_schema_history by an earlier start; recreate the database: `gale up --fresh` for the stack's own data tier, or drop and recreate the external database"
                            .formatted(failed.getVersion(), failed.getDescription()),
                    cause);
        }
    }
}
