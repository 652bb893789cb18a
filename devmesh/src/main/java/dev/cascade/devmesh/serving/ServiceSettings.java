package dev.cascade.devmesh.serving;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.Config;

/**
 * The settings of one Knative Service, {@code devmesh.services.<name>.*}, read by name as the broker reads
 * {@code url}.
 *
 * @param url {@code url}: the Service runs elsewhere; devmesh neither runs nor proxies it
 * @param command {@code command}: the full command line of one instance, instead of the Service's
 *     {@code quarkus-run.jar}; split on blanks, with single or double quotes around an argument that has blanks
 * @param port {@code port}: the port of the Service's stable URL, instead of a free one
 * @param readinessPath {@code readiness-path}: what must answer 200 before an instance gets requests
 */
public record ServiceSettings(Optional<URI> url, Optional<String> command, OptionalInt port, String readinessPath) {

    public static final String DEFAULT_READINESS_PATH = "/q/health/ready";

    static String key(String service, String setting) {
        return "devmesh.services." + service + "." + setting;
    }

    static ServiceSettings of(Config config, String service) {
        Optional<Integer> port = config.getOptionalValue(key(service, "port"), Integer.class);
        String readiness = config.getOptionalValue(key(service, "readiness-path"), String.class)
                .orElse(DEFAULT_READINESS_PATH);
        return new ServiceSettings(
                config.getOptionalValue(key(service, "url"), String.class).map(URI::create),
                config.getOptionalValue(key(service, "command"), String.class).filter(c -> !c.isBlank()),
                port.map(OptionalInt::of).orElse(OptionalInt.empty()),
                readiness.startsWith("/") ? readiness : "/" + readiness);
    }
}
