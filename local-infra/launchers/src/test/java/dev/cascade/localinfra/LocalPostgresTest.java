package dev.cascade.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @Test
    void servesSqlOnAFreePortAndDeletesItsTemporaryCluster() throws Exception {
        Path data;
        try (LocalPostgres postgres = LocalPostgres.start()) {
            data = postgres.dataDirectory();
            postgres.ensureDatabase("orders");
            postgres.ensureDatabase("orders"); // idempotent
            try (Connection connection = postgres.connect("orders");
                 Statement sql = connection.createStatement();
                 ResultSet rows = sql.executeQuery("select current_database(), version()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("orders");
                assertThat(rows.getString(2)).startsWith("PostgreSQL");
            }
            assertThat(postgres.reactiveUrl("orders")).isEqualTo("postgresql://127.0.0.1:" + postgres.port() + "/orders");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void keepsRowsAcrossARestartOnTheSameDataDirectory(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        try (LocalPostgres postgres = LocalPostgres.start(new LocalPostgres.Options(data, 0));
             Connection connection = postgres.connect(LocalPostgres.DEFAULT_DATABASE);
             Statement sql = connection.createStatement()) {
            sql.execute("create table kept (id int primary key)");
            sql.execute("insert into kept values (42)");
        }
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();

        try (LocalPostgres postgres = LocalPostgres.start(new LocalPostgres.Options(data, 0));
             Connection connection = postgres.connect(LocalPostgres.DEFAULT_DATABASE);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select id from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void writesItsServerLogUnderTheDataDirectoryAfterStartUp(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        try (LocalPostgres postgres = LocalPostgres.start(new LocalPostgres.Options(data, 0));
             Connection connection = postgres.connect(LocalPostgres.DEFAULT_DATABASE);
             Statement sql = connection.createStatement()) {
            sql.execute("checkpoint");
            assertThat(postgres.logDirectory()).isEqualTo(data.resolve("log"));
            // The collector writes asynchronously; a checkpoint's completion line arrives shortly after it.
            long deadline = System.nanoTime() + 10_000_000_000L;
            String log = "";
            while (!log.contains("checkpoint complete") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                log = readLogs(postgres.logDirectory());
            }
            assertThat(log).contains("checkpoint starting").contains("checkpoint complete");
        }
    }

    private static String readLogs(Path directory) throws java.io.IOException {
        if (!Files.isDirectory(directory)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
