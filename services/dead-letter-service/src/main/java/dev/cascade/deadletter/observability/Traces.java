package dev.cascade.deadletter.observability;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.cascade.contracts.KnativeExtensions;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Carries a request's trace into work that runs after the database answered: the callbacks of a reactive query do
 * not always run with the request's OpenTelemetry context current, so the context is taken when the request arrives
 * and made current again around what is sent on its behalf (function-support's {@code Tracing} does the same for the
 * function services).
 */
public final class Traces {

    private Traces() {
    }

    /** {@code context}'s W3C trace context as CloudEvents extensions ({@code traceparent}, {@code tracestate}). */
    public static Map<String, String> extensions(Context context) {
        Map<String, String> carrier = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        carrier.keySet().retainAll(Set.of(KnativeExtensions.TRACEPARENT, KnativeExtensions.TRACESTATE));
        return carrier;
    }

    /**
     * Runs {@code work} on a new duplicated Vert.x context with {@code trace} current until it terminates, so that
     * an HTTP client span it makes is a child of {@code trace}; the outcome comes back on the caller's context. Off a
     * Vert.x context, runs it as it is.
     */
    public static <T> Uni<T> within(Context trace, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context caller = Vertx.currentContext();
            if (caller == null) {
                return work.get();
            }
            io.vertx.core.Context own = VertxContext.createNewDuplicatedContext(caller);
            return Uni.createFrom().<T> emitter(emitter -> own.runOnContext(ignored -> {
                Scope scope = trace.makeCurrent();
                Uni<T> uni;
                try {
                    uni = work.get();
                } catch (RuntimeException e) {
                    scope.close();
                    caller.runOnContext(back -> emitter.fail(e));
                    return;
                }
                uni.onTermination().invoke(scope::close).subscribe().with(
                        item -> caller.runOnContext(back -> emitter.complete(item)),
                        failure -> caller.runOnContext(back -> emitter.fail(failure)));
            }));
        });
    }
}
