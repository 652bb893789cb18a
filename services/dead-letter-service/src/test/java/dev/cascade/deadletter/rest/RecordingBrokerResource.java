package dev.cascade.deadletter.rest;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a {@link RecordingBroker} and points K_SINK at it, as a SinkBinding would. */
public class RecordingBrokerResource implements QuarkusTestResourceLifecycleManager {

    private RecordingBroker broker;

    @Override
    public Map<String, String> start() {
        broker = new RecordingBroker();
        return Map.of("k.sink", broker.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker, new TestInjector.MatchesType(RecordingBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
