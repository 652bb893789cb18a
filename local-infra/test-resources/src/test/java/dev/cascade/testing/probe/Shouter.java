package dev.cascade.testing.probe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** Two Kafka hops: requests → upper-case → replies, to prove the test resources reach a real broker. */
@ApplicationScoped
public class Shouter {

    public static final String REQUESTS_IN = "requests-in";
    public static final String REPLIES_OUT = "replies-out";
    public static final String REPLIES_IN = "replies-in";

    private final List<String> replies = new CopyOnWriteArrayList<>();

    @Incoming(REQUESTS_IN)
    @Outgoing(REPLIES_OUT)
    public String shout(String request) {
        return request.toUpperCase();
    }

    @Incoming(REPLIES_IN)
    public void collect(String reply) {
        replies.add(reply);
    }

    public List<String> replies() {
        return replies;
    }
}
