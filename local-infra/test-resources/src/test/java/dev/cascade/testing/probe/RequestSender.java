package dev.cascade.testing.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

@ApplicationScoped
public class RequestSender {

    public static final String REQUESTS_OUT = "requests-out";

    @Inject
    @Channel(REQUESTS_OUT)
    Emitter<String> requests;

    public void send(String request) {
        requests.send(request).toCompletableFuture().join();
    }
}
