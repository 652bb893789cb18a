package dev.cascade.devmesh.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilterBuilder;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import io.fabric8.knative.eventing.v1.TriggerSpecBuilder;

class FilterTextTest {

    @Test
    void attributesAreOneEqualityEachTypeAndSourceFirst() {
        TriggerSpec spec = new TriggerSpecBuilder().withBroker("default").withNewFilter()
                .withAttributes(Map.of("type", "dev.example.inventory.reserved.v1", "source", "urn:cascade:inventory-service",
                        "datacontenttype", "application/json", "subject", "x"))
                .endFilter().build();

        assertThat(FilterText.clauses(spec)).containsExactly("type = dev.example.inventory.reserved.v1",
                "source = urn:cascade:inventory-service", "datacontenttype = application/json", "subject = x");
    }

    @Test
    void aTriggerWithoutFilterTakesEveryEvent() {
        assertThat(FilterText.clauses(new TriggerSpecBuilder().withBroker("default").build()))
                .containsExactly(FilterText.EVERY_EVENT);
        assertThat(FilterText.clauses(new TriggerSpecBuilder().withBroker("default").withFilters(List.of()).build()))
                .containsExactly(FilterText.EVERY_EVENT);
    }

    @Test
    void nonEmptyFiltersWinOverAttributesAsTheBrokersDecide() {
        TriggerSpec spec = new TriggerSpecBuilder().withBroker("default")
                .withNewFilter().withAttributes(Map.of("type", "ignored")).endFilter()
                .withFilters(filter().withPrefix(Map.of("type", "dev.cascade.")).build(),
                        filter().withSuffix(Map.of("type", ".v1")).build())
                .build();

        assertThat(FilterText.clauses(spec)).containsExactly("type starts with dev.cascade.", "type ends with .v1");
    }

    @Test
    void allAnyNotAndCesqlReadAsExpressions() {
        SubscriptionsAPIFilter any = filter().withAny(
                filter().withExact(Map.of("type", "a.v1")).build(),
                filter().withExact(Map.of("type", "b.v1", "source", "/s")).build()).build();
        SubscriptionsAPIFilter not = filter().withNot(filter().withAll(
                filter().withExact(Map.of("source", "/noise")).build(),
                filter().withCesql("subject LIKE 'x%'").build()).build()).build();
        SubscriptionsAPIFilter empty = filter().withAny(filter().build(), filter().withPrefix(Map.of("id", "p")).build())
                .build();

        assertThat(FilterText.clauses(new TriggerSpecBuilder().withFilters(any, not, empty).build())).containsExactly(
                "(type = a.v1 or (type = b.v1 and source = /s))",
                "not (source = /noise and CESQL subject LIKE 'x%')",
                "(true or id starts with p)");
    }

    @Test
    void valuesThatAreEmptyOrNotPlainAreQuoted() {
        TriggerSpec spec = new TriggerSpecBuilder().withNewFilter()
                .withAttributes(Map.of("subject", "", "source", "say \"hi\"\nback\\slash"))
                .endFilter().build();

        assertThat(FilterText.clauses(spec)).containsExactly("source = \"say \\\"hi\\\"\\nback\\\\slash\"",
                "subject = \"\"");
    }

    private static SubscriptionsAPIFilterBuilder filter() {
        return new SubscriptionsAPIFilterBuilder();
    }
}
