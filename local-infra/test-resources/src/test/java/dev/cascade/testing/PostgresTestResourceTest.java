package dev.cascade.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.cascade.testing.probe.Note;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class PostgresTestResourceTest {

    @Inject
    Pool client;

    @Test
    void panacheEntityIsPersistedAndReadBackFromPostgres() throws Throwable {
        String text = "persisted through Hibernate Reactive";
        Long id = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> new Note(text).<Note>persist()).map(note -> note.id));

        Note found = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Note.<Note>findById(id)));
        assertThat(found).isNotNull();
        assertThat(found.text).isEqualTo(text);

        // Read the row back with plain SQL too: it is in a real PostgreSQL table, not a session cache.
        Long count = client.preparedQuery("select count(*) from probe_note where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong(0))
                .await().indefinitely();
        assertThat(count).isEqualTo(1L);
    }

    @Test
    void datasourceIsARealPostgreSqlServer() {
        Row row = client.query("select version(), current_database()").execute()
                .map(rows -> rows.iterator().next())
                .await().indefinitely();

        assertThat(row.getString(0)).startsWith("PostgreSQL 14");
        assertThat(row.getString(1)).isEqualTo(PostgresTestResource.DEFAULT_DATABASE);
    }
}
