package dev.cascade.localinfra;

import java.util.Map;

/**
 * One PostgreSQL and one Kafka per JVM, started on first use and stopped when the JVM exits, so that a
 * test run pays for each once however many test classes and Quarkus applications use them.
 *
 * <p>Every accessor returns only JDK types. Quarkus runs tests in its own class loaders, which may load
 * this class more than once; the test resources therefore reach the copy loaded by the system class
 * loader (see {@code dev.cascade.testing.JvmWideInfrastructure}), and that copy owns the servers.
 */
public final class SharedInfrastructure {

    private static LocalPostgres postgres;
    private static LocalKafka kafka;
    private static boolean hookInstalled;

    private SharedInfrastructure() {
    }

    /**
     * Connection settings of the shared PostgreSQL: {@code host}, {@code port}, {@code username},
     * {@code password}, {@code jdbc-url} and {@code reactive-url} of {@code database}, which is created if
     * missing.
     */
    public static synchronized Map<String, String> postgres(String database) {
        if (postgres == null) {
            installShutdownHook();
            postgres = LocalPostgres.start();
        }
        postgres.ensureDatabase(database);
        return Map.of(
                "host", postgres.host(),
                "port", String.valueOf(postgres.port()),
                "username", postgres.username(),
                "password", postgres.password(),
                "jdbc-url", postgres.jdbcUrl(database),
                "reactive-url", postgres.reactiveUrl(database));
    }

    /** Bootstrap servers of the shared Kafka broker. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            installShutdownHook();
            kafka = LocalKafka.start();
        }
        return kafka.bootstrapServers();
    }

    private static void installShutdownHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stopAll, "cascade-local-infra-stop"));
            hookInstalled = true;
        }
    }

    static synchronized void stopAll() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
