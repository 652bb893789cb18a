package dev.cascade.telemetry.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

final class Sql {

    private Sql() {
    }

    /** An instant as the driver binds it to {@code timestamptz} whatever the JVM's time zone. */
    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
