package dev.cascade.functions;

import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenTelemetry context of the work under way, where Quarkus does not carry it by itself.
 * <p>
 * Quarkus keeps the current span in the Vert.x (duplicated) context of the request. A Funqy function runs on a
 * worker thread outside any Vert.x context, so there {@link Context#current()} has no span; {@link HandledEvents}
 * keeps the request's context with the request, and {@link #current()} finds it through the request Funqy is
 * serving. {@link ProcessedEvents#await} and {@link #within} attach a context to the Vert.x context their reactive
 * work runs on, so that the database client's spans (and any HTTP client's) are children of it instead of roots of
 * new traces.
 */
public final class Tracing {

    /** Where {@link HandledEvents} keeps the request's OpenTelemetry context in the {@link RoutingContext}. */
    static final String REQUEST_CONTEXT = Tracing.class.getName() + ".context";

    private Tracing() {
    }

    /**
     * The current context if it has a valid span; otherwise the context of the CloudEvent request being served on
     * this thread (a Funqy function's); otherwise the current context as it is.
     */
    public static Context current() {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return current;
        }
        Context ofRequest = ofCurrentRequest();
        return ofRequest != null ? ofRequest : current;
    }

    /**
     * Runs {@code work} with {@code trace} current: subscribed on a new duplicated Vert.x context of the current one
     * (so it touches nobody else's context), with {@code trace} attached until it terminates, and its outcome
     * handed back on the caller's Vert.x context. Must be called on a Vert.x context.
     */
    public static <T> Uni<T> within(Context trace, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context caller = Vertx.currentContext();
            if (caller == null) {
                return Uni.createFrom().failure(new IllegalStateException("Tracing.within needs a Vert.x context"));
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

    /** Attaches {@code trace} to the current Vert.x context until {@code work}'s Uni terminates. */
    static <T> Uni<T> attached(Context trace, Supplier<Uni<T>> work) {
        if (trace == Context.current()) {
            return work.get();
        }
        Scope scope = trace.makeCurrent();
        try {
            return work.get().onTermination().invoke(scope::close);
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    private static Context ofCurrentRequest() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return null;
        }
        InstanceHandle<CurrentVertxRequest> request = arc.instance(CurrentVertxRequest.class);
        if (!request.isAvailable()) {
            return null;
        }
        RoutingContext routing = request.get().getCurrent();
        return routing == null ? null : routing.get(REQUEST_CONTEXT);
    }
}
