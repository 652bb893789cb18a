package dev.cascade.telemetry.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.EventValidator;
import dev.cascade.testing.KafkaTestResource;
import dev.cascade.testing.PostgresTestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RecordingBroker.class)
class TelemetryPipelineTest {

    /**
     * The watermark is one for the whole stream and only moves forward, so each test takes its own stretch of event
     * time, later than every earlier test's.
     */
    private static final AtomicReference<Instant> TIMELINE = new AtomicReference<>(
            Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(1)));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MeterRegistry registry;

    private static Instant freshMinute() {
        return TIMELINE.updateAndGet(t -> t.plus(Duration.ofMinutes(20)));
    }

    private static String newDevice(String sensorsJson) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body("{\"sensors\":" + sensorsJson + "}")
                .put("/devices/" + id).then().statusCode(201);
        return id;
    }

    // --- Windows ---

    @Test
    void validReadingsInMixedUnitsMakeCalibratedOneMinuteWindowsByEventTime() throws Exception {
        String device = newDevice("""
                {"temperature": {"calibrationOffset": 0.5, "calibrationScale": 1.02}, "pressure": {}}""");
        Instant base = freshMinute();
        Random random = new Random(8);
        List<String> events = new ArrayList<>();
        List<Expected.Point> temperatures = new ArrayList<>();
        List<Expected.Point> pressures = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            times.add(base.plusMillis(random.nextInt(120_000)));
        }
        Collections.sort(times);
        List<String> inOrder = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Instant at = times.get(i);
            if (i % 3 == 0) {
                double hPa = 950 + random.nextDouble() * 100;
                String[] units = {"hPa", "kPa", "Pa"};
                String unit = units[random.nextInt(units.length)];
                double sent = switch (unit) {
                    case "kPa" -> hPa / 10;
                    case "Pa" -> hPa * 100;
                    default -> hPa;
                };
                double expected = switch (unit) {
                    case "kPa" -> sent * 10;
                    case "Pa" -> sent / 100;
                    default -> sent;
                };
                pressures.add(new Expected.Point(at, expected));
                inOrder.add(Kafka.reading(device, "pressure", sent, unit, at));
            } else {
                double celsius = 15 + random.nextDouble() * 15;
                String[] units = {"celsius", "fahrenheit", "kelvin"};
                String unit = units[random.nextInt(units.length)];
                double sent = switch (unit) {
                    case "fahrenheit" -> celsius * 9 / 5 + 32;
                    case "kelvin" -> celsius + 273.15;
                    default -> celsius;
                };
                double back = switch (unit) {
                    case "fahrenheit" -> (sent - 32) * 5 / 9;
                    case "kelvin" -> sent - 273.15;
                    default -> sent;
                };
                temperatures.add(new Expected.Point(at, back * 1.02 + 0.5));
                inOrder.add(Kafka.reading(device, "temperature", sent, unit, at));
            }
        }
        // Out of order, but never by more than the allowed lateness: shuffled within runs of ten readings (~10 s).
        for (int i = 0; i < inOrder.size(); i += 10) {
            List<String> run = new ArrayList<>(inOrder.subList(i, Math.min(i + 10, inOrder.size())));
            Collections.shuffle(run, random);
            events.addAll(run);
        }
        // Moves the watermark to base + 3:01, past the end of both minutes of readings.
        events.add(Kafka.reading(device, "temperature", 20.0, "celsius", base.plusSeconds(211)));
        Kafka.send(device, events);

        List<Expected.Window> expectedTemperature = Expected.windows(temperatures);
        List<Expected.Window> expectedPressure = Expected.windows(pressures);
        assertThat(expectedTemperature).hasSize(2);
        assertThat(expectedPressure).hasSize(2);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertWindows(windows(device, "temperature", base, base.plusSeconds(120)), expectedTemperature, "celsius");
            assertWindows(windows(device, "pressure", base, base.plusSeconds(120)), expectedPressure, "hPa");
        });
        // The minute of the last reading is still open: the watermark has not reached its end.
        JsonNode open = windows(device, "temperature", base.plusSeconds(180), base.plusSeconds(240));
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("count").asLong()).isEqualTo(1);
        assertThat(open.get(0).path("closedAt").isNull()).isTrue();

        // Each closed window went to the broker once, as the contract's CloudEvent with the stored figures.
        EventValidator validator = EventValidator.create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> posted = windowEvents(device);
            assertThat(posted).hasSize(4);
            for (JsonNode event : posted) {
                assertThat(event.path("source").asText()).isEqualTo(EventSources.TELEMETRY_SERVICE);
                assertThat(validator.validate(EventTypes.TELEMETRY_WINDOW_CLOSED_V1, event.path("data")).valid())
                        .isTrue();
                JsonNode data = event.path("data");
                List<Expected.Window> expected = "pressure".equals(data.path("sensorType").asText())
                        ? expectedPressure
                        : expectedTemperature;
                Expected.Window window = expected.stream()
                        .filter(w -> w.start().equals(Instant.parse(data.path("windowStart").asText())))
                        .findFirst().orElseThrow();
                assertThat(data.path("count").asLong()).isEqualTo(window.count());
                assertThat(data.path("p95").asDouble()).isCloseTo(window.p95(), within(1e-9));
                assertThat(data.path("mean").asDouble()).isCloseTo(window.mean(), within(1e-9));
            }
        });
    }

    // --- Rejections ---

    @Test
    void aClosedWindowContinuesTheTraceOfTheReadingsThatClosedIt() throws Exception {
        String device = newDevice("{\"humidity\": {}}");
        Instant base = freshMinute();
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = "00-" + trace + "-00f067aa0ba902b7-01";
        // Structured events with the CloudEvents distributed-tracing extension, as a traced producer writes them.
        Kafka.send(device, List.of(
                traced(Kafka.reading(device, "humidity", 40.0, "percent", base.plusSeconds(5)), traceparent),
                traced(Kafka.reading(device, "humidity", 41.0, "percent", base.plusSeconds(150)), traceparent)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(windowEvents(device)).isNotEmpty());
        JsonNode window = windowEvents(device).get(0);
        // The reading's trace, from the span of the batch that closed the window (a child of the reading's context),
        // on the HTTP hop and as the CloudEvents extension alike.
        assertThat(window.path("ce-traceparent").asText()).matches("00-" + trace + "-[0-9a-f]{16}-0[01]")
                .isNotEqualTo(traceparent);
        assertThat(window.path("traceparent").asText()).isEqualTo(window.path("ce-traceparent").asText());
    }

    private static String traced(String event, String traceparent) throws Exception {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(event)).put("traceparent", traceparent)
                .toString();
    }

    @Test
    void aBrokenStructuredRecordIsRejectedAndTheStreamGoesOn() throws Exception {
        String device = newDevice("{\"temperature\": {}}");
        Instant at = freshMinute();
        String whole = Kafka.reading(device, "temperature", 19.0, "celsius", at);
        // Labelled as a structured CloudEvent, as the device simulator labels its records, but cut short.
        String cut = whole.substring(0, whole.length() / 2);
        Kafka.send(device, "application/cloudevents+json; charset=utf-8",
                List.of(cut, Kafka.reading(device, "temperature", 18.0, "celsius", at.plusSeconds(1))));

        assertThat(Kafka.rejections(event -> cut.equals(event.path("data").path("reading").asText()), 1))
                .singleElement().satisfies(event -> assertThat(event.path("data").path("reason").asText())
                        .isEqualTo("MALFORMED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                windows(device, null, at.minusSeconds(600), at.plusSeconds(600))).singleElement()
                .satisfies(window -> assertThat(window.path("min").asDouble()).isEqualTo(18.0)));
    }

    @Test
    void invalidReadingsLandOnTheRejectedTopicWithTheirReasonAndAreCounted() throws Exception {
        String device = newDevice("{\"temperature\": {}}");
        Instant at = freshMinute();
        double lateBefore = counter("rejected", "late");
        double unknownBefore = counter("rejected", "unknown_device");
        List<String> events = List.of(
                "temp=21.5;dev=" + device,
                "{\"hello\": \"" + device + "\"}",
                Kafka.reading(device, "temperature", 20.0, "celsius", at)
                        .replace(EventTypes.TELEMETRY_READING_V1, EventTypes.ORDER_PLACED_V1),
                Kafka.reading(device, "temperature", 20.0, "celsius", at).replace("\"value\":20.0,", ""),
                Kafka.reading(device + "-unregistered", "temperature", 20.0, "celsius", at),
                Kafka.reading(device, "humidity", 40.0, "percent", at),
                Kafka.reading(device, "temperature", 20.0, "rankine", at),
                Kafka.reading(device, "temperature", 412.0, "celsius", at),
                Kafka.reading(device, "temperature", 20.0, "celsius", at),
                // Its window ended five minutes before the reading just accepted, far beyond the 30 s allowed.
                Kafka.reading(device, "temperature", 20.0, "celsius", at.minusSeconds(300)));
        Kafka.send(device, events);

        List<JsonNode> rejected = Kafka.rejections(event -> event.toString().contains(device), 9);
        assertThat(rejected).extracting(event -> event.path("data").path("reason").asText())
                .containsExactlyInAnyOrder("MALFORMED", "MALFORMED", "MALFORMED", "SCHEMA_VIOLATION",
                        "UNKNOWN_DEVICE", "UNKNOWN_DEVICE", "UNSUPPORTED_UNIT", "OUT_OF_PHYSICAL_RANGE", "LATE");
        EventValidator validator = EventValidator.create();
        for (JsonNode event : rejected) {
            assertThat(event.path("type").asText()).isEqualTo(EventTypes.TELEMETRY_READING_REJECTED_V1);
            assertThat(event.path("source").asText()).isEqualTo(EventSources.TELEMETRY_SERVICE);
            assertThat(validator.validate(EventTypes.TELEMETRY_READING_REJECTED_V1, event.path("data")).valid())
                    .as(event.toString()).isTrue();
        }
        assertThat(rejected).filteredOn(event -> event.path("data").path("reading").isTextual())
                .singleElement()
                .satisfies(event -> assertThat(event.path("data").path("reading").asText())
                        .isEqualTo("temp=21.5;dev=" + device));
        assertThat(rejected).filteredOn(event -> "OUT_OF_PHYSICAL_RANGE".equals(event.path("data").path("reason")
                .asText())).singleElement().satisfies(event -> assertThat(event.path("data").path("reading")
                        .path("value").asDouble()).isEqualTo(412.0));

        assertThat(counter("rejected", "late")).isEqualTo(lateBefore + 1);
        assertThat(counter("rejected", "unknown_device")).isEqualTo(unknownBefore + 2);
        // The one valid reading was stored; none of the invalid ones were.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                windows(device, null, at.minusSeconds(600), at.plusSeconds(600))).singleElement()
                .satisfies(window -> assertThat(window.path("count").asLong()).isEqualTo(1)));
    }

    @Test
    void binaryModeReadingsAreReadFromTheirHeadersAndOtherTypesAreMalformed() throws Exception {
        String device = newDevice("{\"humidity\": {\"calibrationOffset\": 2.0}}");
        Instant at = freshMinute();
        String data = "{\"deviceId\":\"" + device + "\",\"sensorType\":\"humidity\",\"value\":41.5,"
                + "\"unit\":\"percent\",\"timestamp\":\"" + at + "\"}";
        Kafka.sendBinary(device, EventTypes.TELEMETRY_READING_V1, data);
        Kafka.sendBinary(device, EventTypes.TELEMETRY_WINDOW_CLOSED_V1, data);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                windows(device, "humidity", at, at.plusSeconds(60))).singleElement().satisfies(window -> {
                    assertThat(window.path("count").asLong()).isEqualTo(1);
                    assertThat(window.path("mean").asDouble()).isEqualTo(43.5);
                }));
        assertThat(Kafka.rejections(event -> event.toString().contains(device), 1))
                .singleElement().satisfies(event -> {
                    assertThat(event.path("data").path("reason").asText()).isEqualTo("MALFORMED");
                    assertThat(event.path("data").path("detail").asText())
                            .contains(EventTypes.TELEMETRY_WINDOW_CLOSED_V1);
                });
    }

    // --- Exactly once ---

    @Test
    void aRedeliveredBatchCountsOnceAndItsClosedWindowIsPostedOnce() throws Exception {
        String device = newDevice("{\"humidity\": {}}");
        Instant base = freshMinute();
        List<String> events = new ArrayList<>();
        List<Expected.Point> points = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant at = base.plusMillis(i * 1_400L + 7);
            double value = 40 + (i * 7 % 23);
            events.add(Kafka.reading(device, "humidity", value, "percent", at));
            points.add(new Expected.Point(at, value));
        }
        events.add(Kafka.reading(device, "humidity", 50.0, "percent", base.plusSeconds(91)));
        Expected.Window expected = Expected.windows(points).get(0);

        Kafka.send(device, events);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertWindows(
                windows(device, "humidity", base, base.plusSeconds(60)), List.of(expected), "percent"));
        await().atMost(Duration.ofSeconds(30)).until(() -> windowEvents(device).size() == 1);
        double duplicatesBefore = counter("duplicate", "none");
        double acceptedBefore = counter("accepted", "none");

        // The same records again, as Kafka redelivers them after a crash before the offset commit.
        Kafka.send(device, events);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> counter("duplicate", "none") >= duplicatesBefore + events.size());

        assertThat(counter("duplicate", "none")).isEqualTo(duplicatesBefore + events.size());
        assertThat(counter("accepted", "none")).isEqualTo(acceptedBefore);
        assertWindows(windows(device, "humidity", base, base.plusSeconds(60)), List.of(expected), "percent");
        assertThat(windows(device, "humidity", base.plusSeconds(60), base.plusSeconds(120)))
                .singleElement().satisfies(window -> assertThat(window.path("count").asLong()).isEqualTo(1));
        // The relay runs at least every second; give it a few passes to post anything twice.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> windowEvents(device).size() == 1);
    }

    // --- REST ---

    @Test
    void registeringChecksSensorTypesAndCalibration() {
        given().contentType("application/json").body("{\"sensors\": {\"co2\": {}}}")
                .put("/devices/t-bad").then().statusCode(422);
        given().contentType("application/json")
                .body("{\"sensors\": {\"temperature\": {\"calibrationScale\": 0}}}")
                .put("/devices/t-bad").then().statusCode(422);
        given().contentType("application/json").body("{\"sensors\": {\"temperature\": {}}}")
                .put("/devices/has space").then().statusCode(400);
        given().get("/devices/t-bad").then().statusCode(404);
        given().get("/devices/t-bad/windows").then().statusCode(404);
        given().get("/devices/dev-0001/windows?from=yesterday").then().statusCode(400);
        // The seeded registry: dev-0001 ... dev-0050, each with temperature, humidity and pressure, uncalibrated.
        given().get("/devices/dev-0050").then().statusCode(200)
                .body("sensors.keySet()", org.hamcrest.Matchers.containsInAnyOrder(
                        "temperature", "humidity", "pressure"))
                .body("sensors.temperature.calibrationScale", org.hamcrest.Matchers.equalTo(1.0f));
        given().get("/devices/dev-0051").then().statusCode(404);

        String device = newDevice("{\"temperature\": {}}");
        given().contentType("application/json")
                .body("{\"sensors\": {\"pressure\": {\"calibrationOffset\": -1.5}}}")
                .put("/devices/" + device).then().statusCode(200)
                .body("sensors.pressure.calibrationOffset", org.hamcrest.Matchers.equalTo(-1.5f))
                .body("sensors.temperature", org.hamcrest.Matchers.nullValue());
    }

    // --- Helpers ---

    private double counter(String outcome, String reason) {
        Counter counter = registry.find("cascade.telemetry.readings").tags("outcome", outcome, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode windows(String device, String sensor, Instant from, Instant to) throws Exception {
        var request = given().queryParam("from", from.toString()).queryParam("to", to.toString());
        if (sensor != null) {
            request.queryParam("sensor", sensor);
        }
        String body = request.get("/devices/" + device + "/windows").then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    private static void assertWindows(JsonNode actual, List<Expected.Window> expected, String unit) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode window = actual.get(i);
            Expected.Window want = expected.get(i);
            assertThat(Instant.parse(window.path("windowStart").asText())).isEqualTo(want.start());
            assertThat(Instant.parse(window.path("windowEnd").asText())).isEqualTo(want.start().plusSeconds(60));
            assertThat(window.path("unit").asText()).isEqualTo(unit);
            assertThat(window.path("count").asLong()).isEqualTo(want.count());
            assertThat(window.path("min").asDouble()).isCloseTo(want.min(), within(1e-9));
            assertThat(window.path("max").asDouble()).isCloseTo(want.max(), within(1e-9));
            assertThat(window.path("mean").asDouble()).isCloseTo(want.mean(), within(1e-9));
            assertThat(window.path("p95").asDouble()).isCloseTo(want.p95(), within(1e-9));
            assertThat(window.path("closedAt").isNull()).as("closed").isFalse();
        }
    }

    private static List<JsonNode> windowEvents(String device) throws Exception {
        String base = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue(RecordingBroker.URL_PROPERTY, String.class);
        JsonNode all = JSON.readTree(RestAssured.get(base + "/received").asString());
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode event : all) {
            if (EventTypes.TELEMETRY_WINDOW_CLOSED_V1.equals(event.path("type").asText())
                    && device.equals(event.path("data").path("deviceId").asText())) {
                mine.add(event);
            }
        }
        return mine;
    }

}
