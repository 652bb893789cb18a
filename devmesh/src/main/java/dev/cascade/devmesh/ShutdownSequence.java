package dev.cascade.devmesh;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.cascade.devmesh.broker.Mesh;
import dev.cascade.devmesh.infra.LocalInfrastructure;
import dev.cascade.devmesh.serving.ServingRegistry;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Stops a local run in the order that loses nothing: first the services (they finish and commit their
 * work while PostgreSQL and Kafka are still up), then the brokers (Kafka consumers commit what was
 * delivered), then Kafka with a controlled shutdown and PostgreSQL. Bean destruction order alone is not
 * guaranteed, so this runs at the shutdown event, before any bean is destroyed; each step is idempotent.
 */
@ApplicationScoped
public class ShutdownSequence {

    private final ServingRegistry serving;
    private final Mesh mesh;
    private final LocalInfrastructure infrastructure;

    public ShutdownSequence(ServingRegistry serving, Mesh mesh, LocalInfrastructure infrastructure) {
        this.serving = serving;
        this.mesh = mesh;
        this.infrastructure = infrastructure;
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        serving.close();
        mesh.close();
        infrastructure.stop();
    }
}
