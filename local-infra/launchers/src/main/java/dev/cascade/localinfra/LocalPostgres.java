package dev.cascade.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (the binaries of {@code io.zonky.test.postgres}, from Maven Central) running as
 * a child process on the loopback interface. No Docker, no installed PostgreSQL.
 *
 * <p>With a data directory the cluster survives a restart (devmesh's local run keeps it under
 * {@code .cascade/}); without one it lives in a temporary directory that {@link #close()} deletes.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalPostgres.class.getName());

    /** The superuser that initdb creates; local and test use only, never a deployed secret. */
    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String DEFAULT_DATABASE = "postgres";

    /** Where the server writes its log, relative to the data directory. */
    public static final String LOG_DIRECTORY = "log";

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    private final boolean temporary;

    private LocalPostgres(EmbeddedPostgres server, Path dataDirectory, boolean temporary) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
    }

    /** Starts a throw-away server on a free port. */
    public static LocalPostgres start() {
        return start(new Options(null, 0));
    }

    public static LocalPostgres start(Options options) {
        Objects.requireNonNull(options, "options");
        boolean temporary = options.dataDirectory() == null;
        Path dataDirectory;
        try {
            dataDirectory = temporary
                    ? Files.createTempDirectory("cascade-postgres-")
                    : Files.createDirectories(options.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the PostgreSQL data directory", e);
        }
        int port = FreePorts.orFree(options.port());
        long started = System.nanoTime();
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    // Keep the cluster of a persistent directory; initdb runs only when it is empty.
                    .setCleanDataDirectory(temporary)
                    // The owner stops it: a JVM-wide hook would race the owner's own shutdown order.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", temporary ? "off" : "on")
                    .setServerConfig("synchronous_commit", temporary ? "off" : "on")
                    .setServerConfig("full_page_writes", temporary ? "off" : "on")
                    // The server's own log goes to files under the data directory: the output of the
                    // process that starts it is read only until the server is ready.
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", LOG_DIRECTORY)
                    .setServerConfig("log_filename", "postgresql-%Y-%m-%d.log")
                    .setServerConfig("log_rotation_size", "10MB")
                    .setServerConfig("log_checkpoints", "on")
                    .setServerConfig("log_autovacuum_min_duration", "1s")
                    .start();
            LOG.log(System.Logger.Level.INFO, "PostgreSQL ready on 127.0.0.1:{0} (data {1}) in {2} ms",
                    String.valueOf(port), dataDirectory, String.valueOf((System.nanoTime() - started) / 1_000_000));
            return new LocalPostgres(server, dataDirectory, temporary);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + " with data in "
                    + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getPort();
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The directory of the server's log files: checkpoints, slow autovacuum runs, errors. */
    public Path logDirectory() {
        return dataDirectory.resolve(LOG_DIRECTORY);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** The form Quarkus's reactive PostgreSQL client takes in {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists; each service may keep its own. */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain lower-case database name: " + database);
        }
        try (Connection connection = connect(DEFAULT_DATABASE);
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + database);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by someone else: what we wanted
            }
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** A plain JDBC connection as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USERNAME, PASSWORD);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        } finally {
            if (temporary) {
                Directories.deleteQuietly(dataDirectory);
            }
        }
    }

    /**
     * @param dataDirectory where the cluster lives and persists; {@code null} for a temporary one
     * @param port          the port to listen on; 0 for a free one
     */
    public record Options(Path dataDirectory, int port) {
    }
}
