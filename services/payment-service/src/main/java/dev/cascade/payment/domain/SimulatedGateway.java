package dev.cascade.payment.domain;

import java.math.BigDecimal;

/**
 * The payment provider, simulated with fixed rules in the manner of a provider's test cards, so that every outcome
 * of the saga can be provoked on purpose:
 * <ol>
 * <li>the token {@value #DECLINED_TOKEN} is always declined, {@value #CARD_DECLINED};</li>
 * <li>an amount above {@link #LIMIT} (10000.00) is declined, {@value #AMOUNT_OVER_LIMIT};</li>
 * <li>anything else is authorized.</li>
 * </ol>
 * The rules are checked in that order, so a declined token is reported as such whatever the amount.
 */
public final class SimulatedGateway {

    public static final String DECLINED_TOKEN = "tok_decline";
    public static final String CARD_DECLINED = "card_declined";
    public static final String AMOUNT_OVER_LIMIT = "amount_over_limit";
    /** The largest amount the gateway authorizes. */
    public static final BigDecimal LIMIT = new BigDecimal("10000.00");

    /** What the gateway says to an authorization. */
    public sealed interface Decision permits Authorized, Declined {
    }

    public record Authorized() implements Decision {
    }

    /** @param reason a code fit to show the customer */
    public record Declined(String reason) implements Decision {
    }

    /** Decides whether {@code amount} may be held on the payment method that {@code token} stands for. */
    public Decision authorize(BigDecimal amount, String token) {
        if (DECLINED_TOKEN.equals(token)) {
            return new Declined(CARD_DECLINED);
        }
        if (amount.compareTo(LIMIT) > 0) {
            return new Declined(AMOUNT_OVER_LIMIT);
        }
        return new Authorized();
    }
}
