package dev.cascade.order.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the order saga waits for its participants. */
@ConfigMapping(prefix = "cascade.saga")
public interface SagaConfig {

    /**
     * How long a step (or a compensation) waits for its reply. Past it, a step is compensated with reason
     * {@code STEP_TIMED_OUT}, and a compensation is sent again.
     */
    @WithDefault("30s")
    Duration stepTimeout();

    /**
     * The most sagas open at once (not yet confirmed or cancelled). Past it, new orders are refused with 429 and
     * {@code Retry-After} until sagas finish: the service degrades by refusing work instead of accepting orders
     * faster than their sagas can finish, which only makes every saga slower.
     */
    @WithDefault("1000")
    int maxOpen();

    /** How many overdue sagas one sweep handles; the next sweep, a second later, takes the rest. */
    @WithDefault("200")
    int sweepBatch();
}
