package dev.cascade.deadletter.rest;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 9457 problem details, the shape every Cascade error answer has. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "https://cascade.dev/problems/";

    private Problems() {
    }

    static Response of(int status, String type, String title, String detail) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode()
                .put("type", TYPES + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        return Response.status(status).type(MEDIA_TYPE).entity(problem.toString()).build();
    }
}
