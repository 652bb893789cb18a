package dev.cascade.order.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.cascade.order.repository.OrderViews;
import dev.cascade.order.service.OrderCommands;

/** Operations on the views. */
@Path("/admin/projections")
public class AdminResource {

    @Inject
    OrderCommands commands;

    /** Wipes the views and rebuilds them by replaying the event store; answers what it replayed. */
    @POST
    @Path("/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    public OrderViews.Rebuilt rebuild() {
        return commands.rebuildViews();
    }
}
