package gale.control.kubernetes;

import static gale.control.kubernetes.Tree.list;
import static gale.control.kubernetes.Tree.map;

import gale.control.stack.CacheSpec;
import gale.control.stack.DatabaseSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database and cache: a URL passes through to the tasks' environment, as on one machine; a server Gale runs
 * itself becomes a StatefulSet with a volume claim and a headless Service; the embedded H2 has no equivalent.
 */
final class DataTier {

    /** A server Gale runs for the stack, and the image, port and environment it takes in a cluster. */
    enum Engine {
        MARIADB("mariadb:10.11", 3306, "/var/lib/mysql", "jdbc:mariadb://%s:3306/gale"),
        POSTGRESQL("postgres:15", 5432, "/var/lib/postgresql/data", "jdbc:postgresql://%s:5432/gale"),
        REDIS("redis:7.0", 6379, "/data", "redis://%s:6379");

        final String image;
        final int port;
        final String dataPath;
        final String urlFormat;

        Engine(String image, int port, String dataPath, String urlFormat) {
            this.image = image;
            this.port = port;
            this.dataPath = dataPath;
            this.urlFormat = urlFormat;
        }
    }

    static final String STORAGE = "1Gi";
    /** The StatefulSets' names, and so their pods' host names. */
    static final String DATABASE = "database";

    static final String CACHE = "cache";

    private DataTier() {}

    /** The tasks' environment for the database and cache the stack names. */
    static Map<String, String> env(DatabaseSpec database, CacheSpec cache, List<String> notes) {
        Map<String, String> env = new LinkedHashMap<>();
        managedDatabase(database).ifPresent(engine -> {
            env.put("GALE_DB_URL", url(DATABASE, engine));
            env.put("GALE_DB_USER", engine == Engine.MARIADB ? "root" : "postgres");
            notes.add("database: managed: true becomes the " + engine.image + " StatefulSet " + DATABASE
                    + " (data.yaml) with no password (MariaDB's empty root password, PostgreSQL's trust); give it"
                    + " one in a Secret, or set database.url to a managed database (RDS)");
        });
        if (database.embedded()) {
            notes.add("database: the embedded H2 runs inside gale up and has no Kubernetes object; each pod falls"
                    + " back to its own in-memory database. Set database.url to a managed database (RDS) or run"
                    + " MariaDB/PostgreSQL with database.managed: true, which exports as a StatefulSet");
        } else if (!database.managed()) {
            env.put("GALE_DB_URL", database.url().orElseThrow());
            database.user().ifPresent(user -> env.put("GALE_DB_USER", user));
            database.password().ifPresent(password -> {
                env.put("GALE_DB_PASSWORD", password);
                notes.add("database.password is written as a plain env value; move it to a Secret");
            });
        }
        cache.engine().ifPresent(engine -> env.put("GALE_CACHE_ENGINE", engine.label()));
        cache.url().ifPresent(url -> env.put("GALE_CACHE_URL", url));
        if (cache.managedRedis()) {
            env.put("GALE_CACHE_ENGINE", "redis");
            env.put("GALE_CACHE_URL", url(CACHE, Engine.REDIS));
        }
        return env;
    }

    /** The StatefulSets (each with its headless Service) of the servers Gale runs for the stack: none, one or two. */
    static List<Map<String, Object>> servers(DatabaseSpec database, CacheSpec cache, KubernetesOptions options) {
        List<Map<String, Object>> objects = new ArrayList<>();
        managedDatabase(database).ifPresent(engine -> objects.addAll(statefulSet(DATABASE, engine, options)));
        if (cache.managedRedis()) {
            objects.addAll(statefulSet(CACHE, Engine.REDIS, options));
        }
        return objects;
    }

    private static Optional<Engine> managedDatabase(DatabaseSpec database) {
        if (!database.managed()) {
            return Optional.empty();
        }
        return switch (database.engine()) {
            case MARIADB -> Optional.of(Engine.MARIADB);
            case POSTGRESQL -> Optional.of(Engine.POSTGRESQL);
            case H2 -> Optional.empty();
        };
    }

    /** A StatefulSet of one server with a volume claim, and the headless Service that names its pod. */
    static List<Map<String, Object>> statefulSet(String galeName, Engine engine, KubernetesOptions options) {
        String name = KubernetesOptions.objectName(galeName);
        Map<String, String> labels = Tree.labels(Workloads.NAME, name, Workloads.PART_OF, "gale");
        List<Object> env = new ArrayList<>();
        switch (engine) {
            case MARIADB -> {
                env.add(map("name", "MARIADB_DATABASE", "value", "gale"));
                env.add(map("name", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "value", "1"));
            }
            case POSTGRESQL -> {
                env.add(map("name", "POSTGRES_DB", "value", "gale"));
                env.add(map("name", "POSTGRES_HOST_AUTH_METHOD", "value", "trust"));
                env.add(map("name", "PGDATA", "value", engine.dataPath + "/pgdata"));
            }
            case REDIS -> {}
        }
        Map<String, Object> container = map(
                "name",
                name,
                "image",
                engine.image,
                "ports",
                list(map("name", "server", "containerPort", engine.port, "protocol", "TCP")),
                "env",
                env.isEmpty() ? null : env,
                "volumeMounts",
                list(map("name", "data", "mountPath", engine.dataPath)),
                "readinessProbe",
                map("tcpSocket", map("port", "server"), "periodSeconds", 2));
        Map<String, Object> set = Tree.object(
                "apps/v1",
                "StatefulSet",
                name,
                options.namespace(),
                labels,
                "spec",
                map(
                        "serviceName", name,
                        "replicas", 1,
                        "selector", map("matchLabels", Tree.labels(Workloads.NAME, name)),
                        "template", map("metadata", map("labels", labels), "spec", map("containers", list(container))),
                        "volumeClaimTemplates",
                                list(map(
                                        "metadata", map("name", "data"),
                                        "spec",
                                                map(
                                                        "accessModes", list("ReadWriteOnce"),
                                                        "resources", map("requests", map("storage", STORAGE)))))));
        Map<String, Object> headless = Tree.object(
                "v1",
                "Service",
                name,
                options.namespace(),
                labels,
                "spec",
                map(
                        "clusterIP", "None",
                        "selector", Tree.labels(Workloads.NAME, name),
                        "ports", list(map("name", "server", "port", engine.port, "targetPort", "server"))));
        return List.of(set, headless);
    }

    /** The URL the tasks reach a StatefulSet's one pod at. */
    static String url(String galeName, Engine engine) {
        return String.format(engine.urlFormat, KubernetesOptions.objectName(galeName));
    }
}
