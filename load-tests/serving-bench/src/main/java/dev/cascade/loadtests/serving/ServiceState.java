package dev.cascade.loadtests.serving;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One row of devmesh's {@code GET /devmesh/services}, the fields the bench reads.
 *
 * @param lastColdStartMs how long the last request held at zero waited for an instance, null before the first
 */
record ServiceState(String name, String state, int instances, long coldStarts, Long lastColdStartMs, List<Long> pids,
        String log, String lastError) {

    static final String SCALED_TO_ZERO = "scaled-to-zero";
    static final String FAILED = "failed";

    static ServiceState of(JsonObject json) {
        List<Long> pids = new ArrayList<>();
        JsonArray array = json.getJsonArray("pids", new JsonArray());
        for (int i = 0; i < array.size(); i++) {
            pids.add(array.getLong(i));
        }
        return new ServiceState(json.getString("name"), json.getString("state"), json.getInteger("instances", 0),
                json.getLong("coldStarts", 0L), json.getLong("lastColdStartMs"), List.copyOf(pids),
                json.getString("log"), json.getString("lastError"));
    }

    boolean atZero() {
        return SCALED_TO_ZERO.equals(state) && instances == 0;
    }
}
