package dev.cascade.contracts.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Services;

class CascadeMetricsTest {

    @Test
    void outcomesFollowWhatKnativeRetries() {
        assertThat(CascadeMetrics.outcomeOf(200)).isEqualTo(CascadeMetrics.SUCCESS);
        assertThat(CascadeMetrics.outcomeOf(204)).isEqualTo(CascadeMetrics.SUCCESS);
        assertThat(CascadeMetrics.outcomeOf(202)).isEqualTo(CascadeMetrics.SUCCESS);
        for (int retried : new int[] {0, 404, 408, 409, 429, 500, 503}) {
            assertThat(CascadeMetrics.outcomeOf(retried)).as("%d", retried).isEqualTo(CascadeMetrics.RETRIED);
        }
        for (int permanent : new int[] {400, 401, 406, 413, 422, 302}) {
            assertThat(CascadeMetrics.outcomeOf(permanent)).as("%d", permanent).isEqualTo(CascadeMetrics.PERMANENT);
        }
    }

    @Test
    void typeTagsAreCatalogTypesOnly() {
        assertThat(CascadeMetrics.typeTag(EventTypes.PAYMENT_AUTHORIZE_V1)).isEqualTo(EventTypes.PAYMENT_AUTHORIZE_V1);
        assertThat(CascadeMetrics.typeTag("x" + EventTypes.PAYMENT_AUTHORIZE_V1)).isEqualTo(CascadeMetrics.OTHER_TYPE);
        assertThat(CascadeMetrics.typeTag("evil\ntype")).isEqualTo(CascadeMetrics.OTHER_TYPE);
        assertThat(CascadeMetrics.typeTag(null)).isEqualTo(CascadeMetrics.UNKNOWN_TYPE);
        assertThat(CascadeMetrics.typeTag("")).isEqualTo(CascadeMetrics.UNKNOWN_TYPE);
    }

    @Test
    void codeTagsAreHttpStatusesOnly() {
        assertThat(CascadeMetrics.codeTag("422")).isEqualTo("422");
        assertThat(CascadeMetrics.codeTag(" 500 ")).isEqualTo("500");
        assertThat(CascadeMetrics.codeTag("9999")).isEqualTo(CascadeMetrics.OTHER_CODE);
        assertThat(CascadeMetrics.codeTag("-1")).isEqualTo(CascadeMetrics.OTHER_CODE);
        assertThat(CascadeMetrics.codeTag("x")).isEqualTo(CascadeMetrics.OTHER_CODE);
        assertThat(CascadeMetrics.codeTag(null)).isEqualTo(CascadeMetrics.NO_CODE);
    }

    @Test
    void everyServiceExportsTheEventMetricsAndOnlyItsOwnExtras() {
        for (String service : new String[] {Services.INVENTORY_SERVICE, Services.PAYMENT_SERVICE,
                Services.SHIPPING_SERVICE, Services.NOTIFICATION_SERVICE, Services.ORDER_SERVICE,
                Services.DEAD_LETTER_SERVICE}) {
            assertThat(CascadeMetrics.exportedBy(service)).as(service)
                    .contains("cascade_events_handled_total", "cascade_event_handling_seconds_bucket");
        }
        assertThat(CascadeMetrics.exportedBy(Services.ORDER_SERVICE)).contains("cascade_saga_oldest_open_age_seconds")
                .doesNotContain("cascade_deadletters_stored_total");
        assertThat(CascadeMetrics.exportedBy(Services.DEAD_LETTER_SERVICE)).contains("cascade_deadletters_stored_total")
                .doesNotContain("cascade_saga_open");
        assertThat(CascadeMetrics.exportedBy(CascadeMetrics.DEVMESH)).contains("devmesh_deliveries_total")
                .doesNotContain("cascade_events_handled_total");
        assertThat(CascadeMetrics.exportedBy("nobody")).isEmpty();
        assertThat(CascadeMetrics.exported()).containsAll(CascadeMetrics.exportedBy(Services.ORDER_SERVICE));
    }
}
