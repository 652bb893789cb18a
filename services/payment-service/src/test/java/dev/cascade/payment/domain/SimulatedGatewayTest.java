package dev.cascade.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.payment.domain.SimulatedGateway.Authorized;
import dev.cascade.payment.domain.SimulatedGateway.Declined;

class SimulatedGatewayTest {

    private final SimulatedGateway gateway = new SimulatedGateway();

    @ParameterizedTest
    @ValueSource(strings = {"tok_4f9d2c7a1e", "tok_visa", "anything", "tok_DECLINE"})
    void anyOtherTokenIsAuthorized(String token) {
        assertThat(gateway.authorize(new BigDecimal("32.90"), token)).isEqualTo(new Authorized());
    }

    @Test
    void theDeclineTokenIsAlwaysDeclined() {
        assertThat(gateway.authorize(new BigDecimal("0.01"), "tok_decline")).isEqualTo(new Declined("card_declined"));
    }

    @Test
    void theLimitItselfIsAuthorized() {
        assertThat(gateway.authorize(new BigDecimal("10000.00"), "tok_visa")).isEqualTo(new Authorized());
        assertThat(gateway.authorize(new BigDecimal("10000"), "tok_visa")).isEqualTo(new Authorized());
    }

    @Test
    void aCentAboveTheLimitIsDeclined() {
        assertThat(gateway.authorize(new BigDecimal("10000.01"), "tok_visa")).isEqualTo(new Declined("amount_over_limit"));
    }

    @Test
    void theDeclineTokenWinsOverTheLimit() {
        assertThat(gateway.authorize(new BigDecimal("50000.00"), "tok_decline")).isEqualTo(new Declined("card_declined"));
    }
}
