package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventDefinition.Kind;
import dev.cascade.contracts.common.StockLine;
import dev.cascade.contracts.inventory.ReserveInventory;
import dev.cascade.contracts.order.OrderPlaced;

import io.quarkus.runtime.annotations.RegisterForReflection;

class EventCatalogTest {

    private static final Pattern VERSIONED_REVERSE_DNS =
            Pattern.compile("^dev\\.cascade\\.[a-z]+(\\.[a-z]+)+\\.v[1-9][0-9]*$");

    @Test
    void listsEveryEventTypeConstantExactlyOnce() throws IllegalAccessException {
        assertThat(EventCatalog.types())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(stringConstants(EventTypes.class));
    }

    @Test
    void namesEveryTypeInVersionedReverseDns() {
        assertThat(EventCatalog.types()).allMatch(type -> VERSIONED_REVERSE_DNS.matcher(type).matches());
    }

    @Test
    void namesOnlyServicesOrExternalAsProducersAndConsumers() {
        for (EventDefinition definition : EventCatalog.all()) {
            for (List<String> parties : List.of(definition.producers(), definition.consumers())) {
                assertThat(parties).as(definition.type())
                        .doesNotHaveDuplicates()
                        .allMatch(name -> Services.isService(name) || EventCatalog.EXTERNAL.equals(name));
            }
        }
    }

    @Test
    void addressesEveryCommandToExactlyOneService() {
        assertThat(EventCatalog.all())
                .filteredOn(d -> d.kind() == Kind.COMMAND)
                .isNotEmpty()
                .allSatisfy(command -> assertThat(command.consumers()).as(command.type())
                        .singleElement().matches(Services::isService));
    }

    @Test
    void sendsKafkaTypesToDeclaredTopicsAndEverythingElseThroughTheBroker() throws IllegalAccessException {
        Set<String> topics = stringConstants(Topics.class);
        for (EventDefinition definition : EventCatalog.all()) {
            if (definition.transport() == Transport.KAFKA) {
                assertThat(topics).as(definition.type()).contains(definition.topic());
            } else {
                assertThat(definition.topic()).as(definition.type()).isNull();
            }
        }
        assertThat(EventCatalog.get(EventTypes.TELEMETRY_READING_V1).topic()).isEqualTo(Topics.TELEMETRY_READINGS_RAW);
        assertThat(EventCatalog.get(EventTypes.TELEMETRY_READING_REJECTED_V1).topic())
                .isEqualTo(Topics.TELEMETRY_READINGS_REJECTED);
    }

    @Test
    void mapsEveryTypeToItsOwnPayloadRecord() {
        assertThat(EventCatalog.all()).extracting(EventDefinition::payloadType).doesNotHaveDuplicates();
    }

    @Test
    void findsDefinitionsByTypeAndByParty() {
        EventDefinition placed = EventCatalog.get(EventTypes.ORDER_PLACED_V1);

        assertThat(placed.payloadType()).isEqualTo(OrderPlaced.class);
        assertThat(placed.dataschema()).isEqualTo(DataSchemas.uriOf(EventTypes.ORDER_PLACED_V1));
        assertThat(placed.serviceSources()).containsExactly(EventSources.ORDER_SERVICE);
        assertThat(EventCatalog.find(EventTypes.ORDER_PLACE_V1)).get()
                .extracting(EventDefinition::producers).isEqualTo(List.of(EventCatalog.EXTERNAL));
        assertThat(EventCatalog.consumedBy(Services.PAYMENT_SERVICE)).extracting(EventDefinition::type)
                .containsExactly(EventTypes.PAYMENT_AUTHORIZE_V1, EventTypes.PAYMENT_REFUND_V1);
        assertThat(EventCatalog.producedBy(Services.ANOMALY_DETECTOR)).extracting(EventDefinition::type)
                .containsExactly(EventTypes.TELEMETRY_ANOMALY_DETECTED_V1);
    }

    @Test
    void refusesToLookUpATypeItDoesNotHave() {
        String unknown = "com.example.not-in-the-catalog.v1";

        assertThat(EventCatalog.find(unknown)).isEmpty();
        assertThat(EventCatalog.contains(unknown)).isFalse();
        assertThatThrownBy(() -> EventCatalog.get(unknown)).isInstanceOf(UnknownEventTypeException.class);
    }

    @Test
    void derivesEveryServiceSourceFromTheServiceName() throws IllegalAccessException {
        for (String service : Services.all()) {
            assertThat(EventSources.of(service)).isEqualTo("urn:cascade:" + service);
            assertThat(EventSources.isServiceSource(EventSources.of(service))).isTrue();
        }
        assertThat(stringConstants(EventSources.class))
                .containsAll(Services.all().stream().map(EventSources::of).toList());
        assertThat(EventSources.isServiceSource(EventSources.STOREFRONT)).isFalse();
        assertThatThrownBy(() -> EventSources.of("storefront")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makesEveryPayloadRecordNativeReadyAndSilentAboutNulls() {
        for (Class<?> type : payloadClosure()) {
            assertThat(type.isAnnotationPresent(RegisterForReflection.class)).as(type.getName()).isTrue();
            if (type.isRecord()) {
                JsonInclude include = type.getAnnotation(JsonInclude.class);
                assertThat(include).as(type.getName()).isNotNull();
                assertThat(include.value()).as(type.getName()).isEqualTo(JsonInclude.Include.NON_NULL);
            }
        }
    }

    @Test
    void writesEveryMoneyAmountAsAString() {
        for (Class<?> type : payloadClosure()) {
            if (!type.isRecord()) {
                continue;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType() == BigDecimal.class) {
                    // @JsonFormat cannot target record components; Java puts it on the field and accessor.
                    JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
                    assertThat(format).as(type.getSimpleName() + "." + component.getName()).isNotNull();
                    assertThat(format.shape()).isEqualTo(JsonFormat.Shape.STRING);
                }
            }
        }
    }

    @Test
    void keepsItsOwnCopyOfEveryList() {
        List<StockLine> lines = new ArrayList<>(List.of(new StockLine("MUG-BLUE", 2)));
        ReserveInventory command = new ReserveInventory("order-1001", lines);
        lines.add(new StockLine("TEA-EARLGREY-250", 1));

        assertThat(command.items()).containsExactly(new StockLine("MUG-BLUE", 2));
        assertThatThrownBy(() -> command.items().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new OrderPlaced("order-1001", "cust-42", null, BigDecimal.ZERO, null, null).items()).isEmpty();
    }

    /** Payload records and every record or enum they contain, transitively. */
    private static Set<Class<?>> payloadClosure() {
        Set<Class<?>> found = new LinkedHashSet<>();
        EventCatalog.all().forEach(d -> collect(d.payloadType(), found));
        return found;
    }

    private static void collect(Type type, Set<Class<?>> found) {
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, found);
            }
        } else if (type instanceof Class<?> c && (c.isRecord() || c.isEnum()) && found.add(c) && c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                collect(component.getGenericType(), found);
            }
        }
    }

    private static Set<String> stringConstants(Class<?> holder) throws IllegalAccessException {
        Set<String> values = new LinkedHashSet<>();
        for (Field field : holder.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
