package dev.cascade.devmesh.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cascade.devmesh.BrokerClass;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A filter is compiled once per Trigger and then called from every dispatch thread at once. */
class CompiledFilterConcurrencyTest {

    private static final int THREADS = 8;
    private static final int EVALUATIONS_PER_THREAD = 20_000;

    private static final String TRIGGER = """
            filters:
              - prefix: {type: com.example.order.}
              - any:
                  - cesql: "region = 'eu' AND quantity > 10"
                  - all:
                      - exact: {time: "2024-05-01T10:30:45.5Z"}
                      - not: {suffix: {source: /test}}
            """;

    @ParameterizedTest
    @EnumSource(BrokerClass.class)
    void oneCompiledFilterGivesTheSameResultsOnManyThreads(BrokerClass brokerClass) throws Exception {
        EventFilter filter = TriggerFilters.compile(new ObjectMapper(new YAMLFactory()).readValue(TRIGGER, TriggerSpec.class),
                brokerClass);
        List<CloudEvent> events = events();
        List<FilterResult> expected = events.stream().map(filter::filter).toList();
        assertThat(expected).as("the events exercise both outcomes").contains(FilterResult.PASS, FilterResult.FAIL);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> mismatches = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int offset = thread;
                mismatches.add(pool.submit(() -> {
                    start.await();
                    int wrong = 0;
                    for (int i = 0; i < EVALUATIONS_PER_THREAD; i++) {
                        int index = (i * 7 + offset) % events.size();
                        if (filter.filter(events.get(index)) != expected.get(index)) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            int wrong = 0;
            for (Future<Integer> result : mismatches) {
                wrong += result.get(1, TimeUnit.MINUTES);
            }
            assertThat(wrong).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every combination of the attributes the filter looks at, so each branch runs concurrently. */
    private static List<CloudEvent> events() {
        List<CloudEvent> events = new ArrayList<>();
        int id = 0;
        for (String type : List.of("com.example.order.created.v1", "com.example.payment.settled.v1")) {
            for (String region : new String[] {"eu", "us", null}) {
                for (int quantity : new int[] {5, 50}) {
                    for (String source : List.of("/cascade/orders", "/cascade/test")) {
                        for (String time : List.of("2024-05-01T10:30:45.500Z", "2024-05-01T10:30:46Z")) {
                            CloudEventBuilder event = CloudEventBuilder.v1()
                                    .withId("evt-" + id++)
                                    .withType(type)
                                    .withSource(URI.create(source))
                                    .withTime(OffsetDateTime.parse(time))
                                    .withExtension("quantity", quantity);
                            if (region != null) {
                                event.withExtension("region", region);
                            }
                            events.add(event.build());
                        }
                    }
                }
            }
        }
        return events;
    }
}
