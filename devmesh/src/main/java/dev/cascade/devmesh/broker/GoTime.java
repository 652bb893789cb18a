package dev.cascade.devmesh.broker;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's {@code time.RFC3339Nano} rendering, which Knative's Go data plane writes: UTC, trailing zeros trimmed. */
public final class GoTime {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    public static String rfc3339Nano(Instant instant) {
        StringBuilder text = new StringBuilder(30).append(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append('Z').toString();
    }
}
