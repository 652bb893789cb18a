package dev.cascade.functions;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.Violation;

/**
 * RFC 9457 problem documents ({@code application/problem+json}) for the services' REST resources, in the shape
 * {@link EventFailureRoutes} answers bad events with. The body is written here rather than by the JSON provider,
 * which is not bound to the problem media type.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final String TYPES = "https://cascade.dev/problems/";

    private Problems() {
    }

    /** A problem of {@code https://cascade.dev/problems/<type>}. */
    public static Response of(int status, String type, String title, String detail) {
        return answer(body(status, type, title, detail));
    }

    /** 400, naming the one field that is wrong. */
    public static Response invalidField(String field, String message) {
        ObjectNode problem = body(400, "invalid-request", "The request is invalid", field + " " + message);
        problem.putArray("violations").addObject().put("field", field).put("message", message);
        return answer(problem);
    }

    /** {@code status} (400 or 422), naming each field a schema check found wrong, e.g. {@code items[0].quantity}. */
    public static Response invalid(int status, String type, String title, List<Violation> violations) {
        ObjectNode problem = body(status, type, title,
                violations.size() + (violations.size() == 1 ? " field is" : " fields are") + " not valid");
        ArrayNode list = problem.putArray("violations");
        for (Violation violation : violations) {
            list.addObject().put("field", field(violation.pointer())).put("message", violation.message());
        }
        return answer(problem);
    }

    /** 429 with {@code Retry-After}: the service takes no more work for now. */
    public static Response overloaded(Overloaded overloaded) {
        return Response.fromResponse(answer(body(429, "overloaded", "Too many requests", overloaded.getMessage())))
                .header("Retry-After", overloaded.retryAfterSeconds())
                .build();
    }

    /** 404. */
    public static Response notFound(String detail) {
        return answer(body(404, "not-found", "Not found", detail));
    }

    /** A JSON Pointer as a field path: {@code /items/0/quantity} → {@code items[0].quantity}. */
    public static String field(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return "";
        }
        StringBuilder field = new StringBuilder();
        for (String token : pointer.substring(1).split("/", -1)) {
            String name = token.replace("~1", "/").replace("~0", "~");
            if (name.matches("\\d+")) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(name);
            }
        }
        return field.toString();
    }

    static ObjectNode body(int status, String type, String title, String detail) {
        return JSON.createObjectNode()
                .put("type", TYPES + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
    }

    private static Response answer(ObjectNode problem) {
        return Response.status(problem.get("status").asInt())
                .type(MEDIA_TYPE)
                .entity(problem.toString())
                .build();
    }
}
