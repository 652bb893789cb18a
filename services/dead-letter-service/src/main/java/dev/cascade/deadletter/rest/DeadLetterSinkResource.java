package dev.cascade.deadletter.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.cascade.deadletter.cloudevents.CloudEventHttp;
import dev.cascade.deadletter.cloudevents.CloudEventHttp.NotACloudEvent;
import dev.cascade.deadletter.observability.SinkRequests;
import dev.cascade.deadletter.service.DeadLetterService;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The dead-letter sink every Trigger names: {@code POST /} takes any CloudEvent, of any type and with any data,
 * in binary or structured mode. The raw body is read here, not bound, so that data which is not JSON (the
 * poison event that got the event here in the first place) is stored byte for byte.
 * <p>
 * Answers: 202 once stored (a duplicate too); 400 for a request that is not a CloudEvent, which the broker does not
 * retry; 5xx when the database is down, which the broker retries.
 */
@Path("/")
public class DeadLetterSinkResource {

    private static final Logger LOG = Logger.getLogger(DeadLetterSinkResource.class);

    private final DeadLetterService deadLetters;

    DeadLetterSinkResource(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(byte[] body, @Context HttpServerRequest request, @Context RoutingContext routing) {
        CloudEvent event;
        try {
            event = CloudEventHttp.read(request.headers(), body == null ? new byte[0] : body);
        } catch (NotACloudEvent e) {
            LOG.warnf("Answered 400 to POST /: %s", e.getMessage().replaceAll("\\p{Cntrl}", " "));
            return Uni.createFrom().item(Problems.of(400, "not-a-cloudevent", "The request is not a CloudEvent",
                    e.getMessage()));
        }
        // For the per-event log line: in structured mode only the body names the event.
        routing.put(SinkRequests.ATTRIBUTES, new SinkRequests.Attributes(event.getId(), event.getType(),
                event.getSource() == null ? null : event.getSource().toString()));
        return deadLetters.store(event).map(stored -> Response.accepted().build());
    }
}
