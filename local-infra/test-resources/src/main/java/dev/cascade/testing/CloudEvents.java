package dev.cascade.testing;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.EventSources;
import io.restassured.response.Response;

/**
 * Posts events to the function under test (RestAssured's base URI) as the broker delivers them, in either CloudEvents
 * encoding, from the order-service (the source of every command), and reads the answer alike.
 */
public final class CloudEvents {

    public static final ObjectMapper JSON = CascadeJson.newObjectMapper();

    public enum Encoding {
        /** Attributes in {@code ce-*} headers, the data as the body. */
        BINARY,
        /** The whole event as an {@code application/cloudevents+json} body. */
        STRUCTURED
    }

    /**
     * What the function answered: the reply event's attributes and data, or for a refused event its status and
     * problem document (as {@code data}, with the other attributes null).
     */
    public record Answer(int status, String id, String type, String source, JsonNode data) {
    }

    private CloudEvents() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Posts {@code data} (a contract record, or JSON text) as a new event from the order-service. */
    public static Answer post(Encoding encoding, String type, Object data) {
        return post(encoding, newId(), type, data);
    }

    /** Posts {@code data} as the event {@code eventId} from the order-service, e.g. to redeliver it. */
    public static Answer post(Encoding encoding, String eventId, String type, Object data) {
        String body = data instanceof String text ? text : write(data);
        Response response = switch (encoding) {
            case BINARY -> given()
                    .header("ce-specversion", "1.0")
                    .header("ce-id", eventId)
                    .header("ce-source", EventSources.ORDER_SERVICE)
                    .header("ce-type", type)
                    .contentType("application/json")
                    .body(body)
                    .post("/");
            case STRUCTURED -> given()
                    .contentType("application/cloudevents+json")
                    .body("""
                            {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                             "datacontenttype":"application/json","data":%s}"""
                            .formatted(eventId, EventSources.ORDER_SERVICE, type, body))
                    .post("/");
        };
        return answer(encoding, response);
    }

    private static Answer answer(Encoding encoding, Response response) {
        JsonNode body = read(response.asString());
        if (response.statusCode() != 200) {
            return new Answer(response.statusCode(), null, null, null, body);
        }
        return switch (encoding) {
            case BINARY -> new Answer(200, response.header("ce-id"), response.header("ce-type"),
                    response.header("ce-source"), body);
            case STRUCTURED -> new Answer(200, body.path("id").asText(null), body.path("type").asText(null),
                    body.path("source").asText(null), body.get("data"));
        };
    }

    private static String write(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
