package dev.cascade.devmesh.broker;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/** Where a subscriber's reply goes: back into the same broker (spec §4). Completes with an HTTP-like status. */
@FunctionalInterface
public interface ReplySink {

    Future<Integer> accept(CloudEvent reply, MultiMap passThroughHeaders, TraceContext trace);
}
