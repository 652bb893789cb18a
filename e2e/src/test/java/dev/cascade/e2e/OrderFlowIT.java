package dev.cascade.e2e;

import static dev.cascade.e2e.Orders.DECLINED_CARD;
import static dev.cascade.e2e.Orders.GOOD_CARD;
import static dev.cascade.e2e.Orders.UNSERVED_COUNTRY;
import static dev.cascade.e2e.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Services;

/**
 * The order flow on devmesh with the real manifests, PostgreSQL and Kafka: every outcome of the saga, a poison
 * event, a crash of the orchestrator, and a race for scarce stock, each checked through the services' APIs.
 */
class OrderFlowIT {

    static final Duration SETTLED = Duration.ofSeconds(60);
    static LocalCascade cascade;
    static CascadeClient api;

    @BeforeAll
    static void start() {
        cascade = LocalCascade.start(LocalCascade.Options.of(repository(), Path.of("target/e2e/order-flow")));
        api = cascade.client();
    }

    @AfterAll
    static void stop() {
        if (cascade != null) {
            cascade.close();
        }
    }

    static Path repository() {
        return Path.of(System.getProperty("cascade.repository", "..")).toAbsolutePath().normalize();
    }

    static String uniqueSku(String stem) {
        return ("SKU-" + stem + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }

    static String customer() {
        return "cust-" + UUID.randomUUID();
    }

    @Test
    void placedOrderIsReservedPaidShippedConfirmedAndNotified() {
        String sku = uniqueSku("HAPPY");
        api.setStock(sku, 10);
        String customer = customer();

        CascadeClient.Answer placed = api.placeOrder(order(customer, sku, 2, "12.50", GOOD_CARD, "DE"));
        assertThat(placed.status()).isEqualTo(202);
        String orderId = placed.json().path("orderId").asText();
        assertThat(placed.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/orders/" + orderId));

        JsonNode order = api.awaitSettled(orderId, SETTLED);
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.path("total").asText()).isEqualTo("25.00");
        assertThat(order.path("trackingNumber").asText()).isNotBlank();
        assertThat(api.stock(sku).path("available").asInt()).isEqualTo(8);
        assertThat(api.stock(sku).path("reserved").asInt()).isEqualTo(2);
        assertThat(statuses(api.payments(orderId))).containsExactly("AUTHORIZED");
        assertThat(api.shipments(orderId)).hasSize(1);
        await().atMost(SETTLED).untilAsserted(() -> assertThat(kinds(api.notifications(orderId))).hasSize(1));
        assertThat(api.ordersOf(customer)).extracting(o -> o.path("orderId").asText()).containsExactly(orderId);
    }

    @Test
    void declinedPaymentReleasesTheStockAndCancelsTheOrder() {
        String sku = uniqueSku("DECLINE");
        api.setStock(sku, 5);
        String orderId = api.placeAccepted(order(customer(), sku, 3, "9.99", DECLINED_CARD, "DE"));

        JsonNode order = api.awaitSettled(orderId, SETTLED);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.path("cancellationReason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(api.stock(sku).path("available").asInt()).isEqualTo(5);
        assertThat(api.stock(sku).path("reserved").asInt()).isZero();
        assertThat(statuses(api.payments(orderId))).containsExactly("DECLINED");
        assertThat(api.shipments(orderId)).isEmpty();
        // The customer hears about the declined card and about the cancelled order.
        await().atMost(SETTLED).untilAsserted(() -> assertThat(kinds(api.notifications(orderId))).hasSize(2));
    }

    @Test
    void orderForASoldOutSkuIsCancelledWithoutCharging() {
        String sku = uniqueSku("SOLDOUT");
        api.setStock(sku, 0);
        String orderId = api.placeAccepted(order(customer(), sku, 1, "4.00", GOOD_CARD, "DE"));

        JsonNode order = api.awaitSettled(orderId, SETTLED);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.path("cancellationReason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(api.payments(orderId)).isEmpty();
        assertThat(api.shipments(orderId)).isEmpty();
        assertThat(api.stock(sku).path("available").asInt()).isZero();
    }

    @Test
    void carrierFailureRefundsThePaymentAndReleasesTheStock() {
        String sku = uniqueSku("NOSHIP");
        api.setStock(sku, 4);
        String orderId = api.placeAccepted(order(customer(), sku, 4, "20.00", GOOD_CARD, UNSERVED_COUNTRY));

        JsonNode order = api.awaitSettled(orderId, SETTLED);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.path("cancellationReason").asText()).isEqualTo("SHIPPING_FAILED");
        assertThat(statuses(api.payments(orderId))).containsExactly("REFUNDED");
        assertThat(api.stock(sku).path("available").asInt()).isEqualTo(4);
        assertThat(api.stock(sku).path("reserved").asInt()).isZero();
    }

    @Test
    void placeCommandSentTwiceThroughTheBrokerCreatesOneOrder() {
        String sku = uniqueSku("EVENT");
        api.setStock(sku, 3);
        String customer = customer();
        String orderId = "ord-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String data = Orders.placeCommand(orderId, order(customer, sku, 1, "7.00", GOOD_CARD, "FR")).toString();

        for (int i = 0; i < 2; i++) {
            assertThat(api.sendEvent(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, eventId, "application/json",
                    data)).isEqualTo(202);
        }

        assertThat(api.awaitSettled(orderId, SETTLED).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(api.ordersOf(customer)).hasSize(1);
        assertThat(statuses(api.payments(orderId))).containsExactly("AUTHORIZED");
        assertThat(api.stock(sku).path("available").asInt()).isEqualTo(2);
    }

    @Test
    void poisonEventsGoToTheDeadLetterSinkWithTheirErrorCode() {
        String brokenJson = UUID.randomUUID().toString();
        String breaksSchema = UUID.randomUUID().toString();
        assertThat(api.sendEvent(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, brokenJson, "application/json",
                "{\"orderId\": \"ord-1\", \"items\": [")).isEqualTo(202);
        assertThat(api.sendEvent(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, breaksSchema, "application/json",
                "{\"orderId\":\"ord-" + breaksSchema + "\",\"customerId\":\"c\",\"items\":[]}")).isEqualTo(202);

        await().atMost(SETTLED).untilAsserted(() -> {
            List<String> ids = new ArrayList<>();
            for (JsonNode letter : api.deadLetters()) {
                String eventId = letter.path("eventId").asText();
                if (eventId.equals(brokenJson) || eventId.equals(breaksSchema)) {
                    ids.add(eventId);
                    assertThat(letter.path("type").asText()).isEqualTo(EventTypes.ORDER_PLACE_V1);
                    assertThat(letter.path("knativeerrorcode").asText()).isEqualTo("400");
                    assertThat(letter.path("knativeerrordest").asText()).isEqualTo(
                            api.serviceUrl(Services.ORDER_SERVICE).toString());
                }
            }
            assertThat(ids).containsExactlyInAnyOrder(brokenJson, breaksSchema);
        });
        // Not retried: a 400 is permanent, so each poison event reached order-service exactly once.
        assertThat(attemptsOf(brokenJson)).isEqualTo(1);

        // dead-letter-service announces each dead letter, and notification-service alerts the operators once each.
        Map<String, String> deadLetterIds = new HashMap<>();
        for (JsonNode letter : api.deadLetters()) {
            String eventId = letter.path("eventId").asText();
            if (eventId.equals(brokenJson) || eventId.equals(breaksSchema)) {
                deadLetterIds.put(eventId, letter.path("id").asText());
            }
        }
        await().atMost(SETTLED).untilAsserted(() -> {
            List<String> alerted = new ArrayList<>();
            for (JsonNode alert : api.operatorAlerts()) {
                JsonNode deadLetter = alert.path("deadLetter");
                String eventId = deadLetter.path("eventId").asText();
                if (deadLetterIds.containsKey(eventId)) {
                    alerted.add(eventId);
                    assertThat(alert.path("kind").asText()).isEqualTo("DEAD_LETTER");
                    assertThat(deadLetter.path("deadLetterId").asText()).isEqualTo(deadLetterIds.get(eventId));
                    assertThat(deadLetter.path("eventType").asText()).isEqualTo(EventTypes.ORDER_PLACE_V1);
                    assertThat(deadLetter.path("eventSource").asText()).isEqualTo(EventSources.STOREFRONT);
                    assertThat(deadLetter.path("errorCode").asInt()).isEqualTo(400);
                    assertThat(deadLetter.path("errorDest").asText()).isEqualTo(
                            api.serviceUrl(Services.ORDER_SERVICE).toString());
                }
            }
            assertThat(alerted).containsExactlyInAnyOrder(brokenJson, breaksSchema);
        });
    }

    @Test
    void sagasInFlightWhenTheOrchestratorIsKilledFinishAfterItComesBack() throws Exception {
        String sku = uniqueSku("CRASH");
        api.setStock(sku, 20);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            orders.add(api.placeAccepted(order(customer(), sku, 1, "3.00", GOOD_CARD, "NL")));
        }
        List<Long> before = api.pidsOf(Services.ORDER_SERVICE);
        assertThat(before).isNotEmpty();
        for (long pid : before) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // kill -9, mid-saga
        }

        for (String orderId : orders) {
            assertThat(api.awaitSettled(orderId, Duration.ofSeconds(120)).path("status").asText())
                    .as("order %s", orderId).isEqualTo("CONFIRMED");
            assertThat(statuses(api.payments(orderId))).as("payments of %s", orderId).containsExactly("AUTHORIZED");
        }
        assertThat(api.pidsOf(Services.ORDER_SERVICE)).doesNotContainAnyElementsOf(before);
        assertThat(api.stock(sku).path("available").asInt()).isEqualTo(10);
        assertThat(api.stock(sku).path("reserved").asInt()).isEqualTo(10);
    }

    @Test
    void twoHundredOrdersRacingForFiftyUnitsConfirmExactlyFifty() throws Exception {
        String sku = uniqueSku("RACE");
        api.setStock(sku, 50);
        List<String> orderIds = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<String>> placed = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                placed.add(clients.submit(() -> api.placeAccepted(order(customer(), sku, 1, "1.50", GOOD_CARD, "BE"))));
            }
            for (Future<String> order : placed) {
                orderIds.add(order.get());
            }
        } finally {
            clients.shutdown();
        }

        int confirmed = 0;
        for (String orderId : orderIds) {
            JsonNode order = api.awaitSettled(orderId, Duration.ofSeconds(180));
            List<String> payments = statuses(api.payments(orderId));
            if (order.path("status").asText().equals("CONFIRMED")) {
                confirmed++;
                assertThat(payments).as("payments of confirmed %s", orderId).containsExactly("AUTHORIZED");
            } else {
                assertThat(order.path("cancellationReason").asText()).isEqualTo("OUT_OF_STOCK");
                // Refunded or never charged: nothing stays authorized on a cancelled order.
                assertThat(payments).as("payments of cancelled %s", orderId).doesNotContain("AUTHORIZED");
            }
        }
        assertThat(confirmed).isEqualTo(50);
        JsonNode stock = api.stock(sku);
        assertThat(stock.path("available").asInt()).isZero();
        assertThat(stock.path("reserved").asInt()).isEqualTo(50);
    }

    static List<String> statuses(JsonNode payments) {
        List<String> statuses = new ArrayList<>();
        payments.forEach(payment -> statuses.add(payment.path("status").asText()));
        return statuses;
    }

    static List<String> kinds(JsonNode notifications) {
        List<String> kinds = new ArrayList<>();
        notifications.forEach(notification -> kinds.add(notification.path("kind").asText()));
        return kinds;
    }

    /** The attempts devmesh made to deliver event {@code id} to its Trigger(s). */
    static int attemptsOf(String id) {
        int attempts = 0;
        for (JsonNode delivery : api.deliveries(1000)) {
            if (id.equals(delivery.path("eventId").asText()) && !"filtered".equals(delivery.path("status").asText())) {
                attempts += delivery.path("attempts").asInt();
            }
        }
        return attempts;
    }
}
