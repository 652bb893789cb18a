package dev.cascade.devmesh.manifest;

import java.util.List;

/**
 * An extra admission check, run on every kept resource (Broker, Trigger, Knative Service, ConfigMap, Secret)
 * that decoded strictly and has valid names, alongside Knative's own admission checks; a validator ignores the
 * types it does not know. Each returned message is one field error, written like Knative's
 * ({@code "invalid value: foo: spec.delivery.backoffDelay"}); any message refuses the resource, and all
 * messages are reported together in one refusal, as one webhook answer would list them. A validator that
 * throws refuses the resource it threw on.
 */
@FunctionalInterface
public interface ResourceValidator {

    List<String> validate(Object resource);
}
