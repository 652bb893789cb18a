package dev.cascade.order.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.cascade.order.config.SagaConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Every second, moves on the sagas whose step is past its deadline. All timers live in {@code saga_instance}, so
 * after a crash or a restart the first sweep picks up where the previous process stopped.
 */
@ApplicationScoped
public class SagaSweeper {

    @Inject
    OrderCommands commands;

    @Inject
    SagaConfig config;

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        commands.sweep(Instant.now(), config.sweepBatch());
    }
}
