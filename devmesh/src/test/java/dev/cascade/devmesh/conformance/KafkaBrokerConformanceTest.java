package dev.cascade.devmesh.conformance;

import static dev.cascade.devmesh.conformance.TestEvents.binary;
import static dev.cascade.devmesh.conformance.TestEvents.id;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.devmesh.DevmeshReady;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Kafka broker class on the wire (its in-memory log; durability is KafkaBrokerDurabilityIT): every place
 * where shared/knative-broker-semantics.md says it differs from MTChannelBasedBroker.
 */
@QuarkusTest
@WithTestResource(value = SubscriberResource.class,
        initArgs = @ResourceArg(name = SubscriberResource.MANIFESTS, value = "src/test/resources/conformance/kafka"))
class KafkaBrokerConformanceTest {

    private static final String BROKER = "/kafka/default";
    private static final Duration WAIT = Duration.ofSeconds(10);

    Subscriber subscriber;

    @BeforeEach
    void freshSubscriber() {
        subscriber.reset();
        DevmeshReady.manifestsLoaded();
    }

    @Test
    void ingressAnswers202OnceLoggedAnd405ForEveryOtherMethodIncludingOptions() {
        binary("test.plain", id()).post(BROKER).then().statusCode(202);
        given().options(BROKER).then().statusCode(405);
        given().get(BROKER).then().statusCode(405);
    }

    @Test
    void aMalformedEventIs400AndAValidOneToAnUnknownBrokerIs404() {
        given().contentType("application/json").body("{}").post(BROKER).then().statusCode(400);
        binary("test.plain", id()).post("/kafka/nobody").then().statusCode(404);
    }

    @Test
    void thereIsNoTtl() {
        String id = id();
        binary("test.plain", id).header("ce-knativebrokerttl", "1").post(BROKER).then().statusCode(202);
        await().atMost(WAIT).until(() -> subscriber.at("/plain", id).size() == 1);
    }

    @Test
    void subscriberGetsBinaryModeWithPartitionAndOffsetAndNoProducerHeaders() {
        String id = id();
        binary("test.plain", id).header("X-Request-Id", "req-1").header("Knative-Custom", "x")
                .post(BROKER).then().statusCode(202);

        await().atMost(WAIT).until(() -> subscriber.at("/plain", id).size() == 1);
        Subscriber.Received delivered = subscriber.at("/plain", id).get(0);
        // delivery.format: json is ignored: the Kafka broker always sends binary mode
        assertThat(delivered.header("ce-specversion")).isEqualTo("1.0");
        assertThat(delivered.header("ce-knativekafkapartition")).matches("\\d+");
        assertThat(delivered.header("ce-knativekafkaoffset")).matches("\\d+");
        assertThat(delivered.header("ce-knativearrivaltime")).isNull();
        assertThat(delivered.header("Prefer")).isEqualTo("reply");
        assertThat(delivered.header("Kn-Namespace")).isEqualTo("kafka");
        assertThat(delivered.header("X-Request-Id")).isNull();
        assertThat(delivered.header("Knative-Custom")).isNull();
    }

    @Test
    void exponentialBackoffDoublesFromTwiceTheDelay() {
        String id = id();
        subscriber.script("/retry", Subscriber.Scripted.status(503), Subscriber.Scripted.status(503));
        binary("test.retry", id).post(BROKER).then().statusCode(202);

        await().atMost(WAIT).until(() -> subscriber.at("/retry", id).size() == 3);
        List<Subscriber.Received> attempts = subscriber.at("/retry", id);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(95));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(195));
    }

    @Test
    void aTriggerDeliveryIsMergedFieldByFieldWithTheBrokers() {
        String id = id();
        for (int i = 0; i < 3; i++) {
            subscriber.script("/merged", Subscriber.Scripted.status(500));
        }
        binary("test.merged", id).post(BROKER).then().statusCode(202);

        await().atMost(WAIT).until(() -> subscriber.at("/dls-merged", id).size() == 1);
        assertThat(subscriber.at("/merged", id)).hasSize(3);
        Subscriber.Received deadLetter = subscriber.at("/dls-merged", id).get(0);
        assertThat(deadLetter.header("ce-knativeerrorcode")).isEqualTo("500");
        assertThat(deadLetter.header("Prefer")).isEqualTo("reply");
        assertThat(deadLetter.header("ce-knativekafkaoffset")).isNotNull();
    }

    @Test
    void aTwoHundredWithABodyThatIsNotAnEventIsDeadLetteredWithoutRetry() {
        String id = id();
        subscriber.script("/retry", new Subscriber.Scripted(200, Map.of("Content-Type", "text/plain"), "oops"));
        binary("test.retry", id).post(BROKER).then().statusCode(202);

        await().atMost(WAIT).until(() -> subscriber.at("/broker-dls", id).size() == 1);
        assertThat(subscriber.at("/retry", id)).hasSize(1);
        Subscriber.Received deadLetter = subscriber.at("/broker-dls", id).get(0);
        assertThat(deadLetter.header("ce-knativeerrordest")).isEqualTo(subscriber.baseUrl() + "/retry");
        assertThat(deadLetter.header("ce-knativeerrorcode")).isNull();
    }

    @Test
    void aReplyGoesStraightBackIntoTheLog() {
        String id = id();
        subscriber.script("/replier", new Subscriber.Scripted(200, Map.of("ce-specversion", "1.0",
                "ce-id", "answer-" + id, "ce-source", "/replier", "ce-type", "test.answer"), ""));
        binary("test.ask", id).post(BROKER).then().statusCode(202);

        await().atMost(WAIT).until(() -> subscriber.at("/answers", "answer-" + id).size() == 1);
        Subscriber.Received answer = subscriber.at("/answers", "answer-" + id).get(0);
        assertThat(answer.header("ce-knativearrivaltime")).isNull();
        assertThat(answer.header("ce-knativebrokerttl")).isNull();
    }

    @Test
    void orderedTriggersWaitForTheRecordBeforeWithinAPartition() {
        String first = id();
        String second = id();
        subscriber.script("/ordered", Subscriber.Scripted.status(503), Subscriber.Scripted.status(503));
        binary("test.ordered", first).header("ce-partitionkey", "same").post(BROKER).then().statusCode(202);
        binary("test.ordered", second).header("ce-partitionkey", "same").post(BROKER).then().statusCode(202);

        await().atMost(WAIT).until(() -> subscriber.at("/ordered").size() == 4);
        assertThat(subscriber.at("/ordered")).extracting(r -> r.header("ce-id"))
                .containsExactly(first, first, first, second);
    }

    @Test
    void unorderedTriggersDoNotWait() {
        String slow = id();
        String fast = id();
        subscriber.script("/unordered", new Subscriber.Scripted(200, Map.of(), "", 1_000));
        binary("test.unordered", slow).header("ce-partitionkey", "same").post(BROKER).then().statusCode(202);
        binary("test.unordered", fast).header("ce-partitionkey", "same").post(BROKER).then().statusCode(202);

        await().atMost(WAIT).until(() -> subscriber.at("/unordered").size() == 2);
        // the second arrived while the first was still being answered
        Subscriber.Received first = subscriber.at("/unordered", slow).get(0);
        Subscriber.Received second = subscriber.at("/unordered", fast).get(0);
        assertThat(Duration.between(first.at(), second.at())).isLessThan(Duration.ofMillis(900));
    }
}
