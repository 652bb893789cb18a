package dev.cascade.deploy.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Services;

class FunqyMappingsTest {

    @Test
    void readsTheAnnotationsOfAServicesSources() {
        assertThat(FunqyMappings.handledBy(Services.NOTIFICATION_SERVICE)).containsExactlyInAnyOrder(
                EventTypes.ORDER_CONFIRMED_V1, EventTypes.ORDER_CANCELLED_V1, EventTypes.PAYMENT_DECLINED_V1,
                EventTypes.DEADLETTER_RECORDED_V1, EventTypes.TELEMETRY_ANOMALY_DETECTED_V1);
    }

    @Test
    void aServiceWithoutFunctionsHandlesNothing() {
        assertThat(FunqyMappings.handledBy(Services.DEAD_LETTER_SERVICE)).isEmpty();
    }

    @Test
    void readsLiteralsQualifiedAndStaticallyImportedConstants() {
        String source = """
                @Funq
                @CloudEventMapping(trigger = "dev.example.a.v1", responseType = EventTypes.ORDER_PLACED_V1)
                public Uni<Void> a(A a) { }
                @CloudEventMapping(responseSource = "urn:x", trigger = EventTypes.PAYMENT_REFUND_V1)
                public Uni<Void> b(B b) { }
                @CloudEventMapping(trigger = SHIPMENT_CANCEL_V1)
                public Uni<Void> c(C c) { }
                """;
        assertThat(FunqyMappings.fromJava(source)).containsExactly("dev.example.a.v1", EventTypes.PAYMENT_REFUND_V1,
                EventTypes.SHIPMENT_CANCEL_V1);
    }

    @Test
    void readsUnprofiledMappingPropertiesOnly() {
        String properties = "quarkus.funqy.knative-events.mapping.reserve.trigger=" + EventTypes.INVENTORY_RESERVE_V1 + "\n"
                + "quarkus.funqy.knative-events.mapping.reserve.response-type=" + EventTypes.INVENTORY_RESERVED_V1 + "\n"
                + "%test.quarkus.funqy.knative-events.mapping.probe.trigger=dev.example.probe.v1\n";
        assertThat(FunqyMappings.fromProperties(properties)).containsExactly(EventTypes.INVENTORY_RESERVE_V1);
    }

    @Test
    void aConstantTheContractsDoNotDefineFailsTheRead() {
        assertThatThrownBy(() -> FunqyMappings.fromJava("@CloudEventMapping(trigger = EventTypes.NO_SUCH_V1)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such EventTypes constant");
        assertThatThrownBy(() -> FunqyMappings.fromJava("@CloudEventMapping(trigger = Other.X)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only string literals");
    }
}
