package dev.cascade.order.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no room for another saga, orders are refused with 429 and Retry-After on both ways in, and nothing is kept. */
@QuarkusTest
@TestProfile(AdmissionTest.NoRoom.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RecordingBroker.class)
class AdmissionTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cascade.saga.max-open", "0");
        }
    }

    @Test
    void orderPostedWhileTheBacklogIsFullIsRefused429AndNotKept() {
        String customer = "cust-admission-" + Flow.newId();
        given().contentType("application/json").body(Flow.orderJson(customer))
                .post("/orders")
                .then().statusCode(429)
                .header("Retry-After", "1")
                .contentType("application/problem+json")
                .body("detail", containsString("at most 0"));
        given().get("/orders?customerId=" + customer).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void placeCommandWhileTheBacklogIsFullIsRefused429SoTheBrokerRetriesIt() {
        String orderId = "ord-admission-" + Flow.newId();
        String data = Flow.orderJson("cust-admission").replaceFirst("\\{", "{\"orderId\":\"" + orderId + "\",");
        Flow.binary(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, Flow.newId(), data)
                .statusCode(429)
                .header("Retry-After", "1");
        given().get("/orders/" + orderId).then().statusCode(404);
    }
}
