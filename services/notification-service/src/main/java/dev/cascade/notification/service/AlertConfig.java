package dev.cascade.notification.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where operator alerts go: the dead letters dead-letter-service announces. */
@ConfigMapping(prefix = "cascade.alerts")
public interface AlertConfig {

    /** The operators' (simulated) email address, {@code CASCADE_ALERTS_RECIPIENT} in the environment. */
    @WithDefault("operators@cascade.dev")
    String recipient();
}
