package dev.cascade.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Jackson set up the way Quarkus sets up its default {@code ObjectMapper}, for code that runs without
 * Quarkus (load tools, plain tests). Quarkus services inject their own mapper instead.
 */
public final class CascadeJson {

    private CascadeJson() {
    }

    /**
     * A new mapper: ISO-8601 strings for {@code Instant} and {@code LocalDate}, unknown properties
     * ignored (tolerant readers: a producer may add optional fields before its consumers know them).
     */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
