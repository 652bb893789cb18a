package dev.cascade.contracts.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsSamplesWithLabelsAndIgnoresCommentsAndExemplars() {
        PrometheusText scrape = PrometheusText.parse("""
                # TYPE cascade_events_handled counter
                cascade_events_handled_total{outcome="success",service="a",type="t"} 3.0 # {span_id="1",trace_id="2"} 1.0 1700000000.000
                cascade_events_handled_total{outcome="retried",service="a",type="t"} 2.0
                cascade_event_handling_seconds_bucket{le="+Inf",service="a"} 5
                cascade_saga_open 7.0
                odd{quote="a \\"b\\""} 1
                # EOF
                """);

        assertThat(scrape.names()).containsExactly("cascade_event_handling_seconds_bucket",
                "cascade_events_handled_total", "cascade_saga_open", "odd");
        assertThat(scrape.value("cascade_events_handled_total", Map.of("service", "a"))).isEqualTo(5.0);
        assertThat(scrape.value("cascade_events_handled_total", Map.of("outcome", "success"))).isEqualTo(3.0);
        assertThat(scrape.value("cascade_events_handled_total", Map.of("outcome", "permanent"))).isZero();
        assertThat(scrape.value("cascade_saga_open", Map.of())).isEqualTo(7.0);
        assertThat(scrape.samples()).filteredOn(s -> s.name().equals("odd")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("quote", "a \"b\""));
        assertThat(scrape.has("cascade_saga_open")).isTrue();
        assertThat(scrape.has("cascade_saga")).isFalse();
    }
}
