package dev.cascade.order.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.cascade.order.saga.OrderSaga;
import dev.cascade.order.saga.SagaDefinition;

/** The order saga with the configured step timeout. */
@ApplicationScoped
public class SagaProducer {

    @Produces
    @Singleton
    SagaDefinition orderSaga(SagaConfig config) {
        return OrderSaga.definition(config.stepTimeout());
    }
}
