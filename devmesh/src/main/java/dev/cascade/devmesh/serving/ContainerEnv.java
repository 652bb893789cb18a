package dev.cascade.devmesh.serving;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cascade.devmesh.manifest.Topology;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * A container's environment as the kubelet builds it when a pod starts: {@code envFrom} in order (ConfigMaps and
 * Secrets, with their prefix), then {@code env} in order, each later name replacing an earlier one;
 * {@code $(NAME)} in a {@code value} expands to a variable defined before it and {@code $$} is a literal
 * {@code $}. ConfigMaps and Secrets are read from the topology at that moment, so an instance started later sees
 * their current data, as a new pod would.
 */
final class ContainerEnv {

    /** The pod cannot start (the kubelet's CreateContainerConfigError): a required ConfigMap, Secret or key is gone. */
    static final class Unresolvable extends Exception {

        Unresolvable(String message) {
            super(message);
        }
    }

    /** The variables, and what was left out (field references devmesh cannot give), for the log. */
    record Resolved(Map<String, String> variables, List<String> warnings) {
    }

    private ContainerEnv() {
    }

    /**
     * @param namespace the Service's namespace, where its ConfigMaps and Secrets are
     * @param podName what {@code fieldRef: metadata.name} gives
     */
    static Resolved resolve(Container container, String namespace, String podName, Topology topology)
            throws Unresolvable {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (container == null) {
            return new Resolved(env, warnings);
        }
        for (EnvFromSource from : list(container.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Optional<ConfigMap> configMap = topology.configMap(namespace, name);
                if (configMap.isEmpty()) {
                    if (!Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        throw new Unresolvable("configmap \"" + name + "\" not found");
                    }
                } else if (configMap.get().getData() != null) {
                    configMap.get().getData().forEach((key, value) -> env.put(prefix + key, value));
                }
            }
            if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                Optional<Secret> secret = topology.secret(namespace, name);
                if (secret.isEmpty()) {
                    if (!Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        throw new Unresolvable("secret \"" + name + "\" not found");
                    }
                } else if (secret.get().getData() != null) {
                    secret.get().getData().forEach((key, value) -> env.put(prefix + key, decode(value)));
                }
            }
        }
        for (EnvVar variable : list(container.getEnv())) {
            EnvVarSource source = variable.getValueFrom();
            if (source == null) {
                env.put(variable.getName(), expand(variable.getValue() == null ? "" : variable.getValue(), env));
                continue;
            }
            Optional<String> value = fromSource(variable.getName(), source, namespace, podName, topology, warnings);
            value.ifPresent(v -> env.put(variable.getName(), v));
        }
        return new Resolved(env, warnings);
    }

    private static Optional<String> fromSource(String variable, EnvVarSource source, String namespace, String podName,
            Topology topology, List<String> warnings) throws Unresolvable {
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Optional<ConfigMap> configMap = topology.configMap(namespace, ref.getName());
            if (configMap.isEmpty()) {
                return missing(optional, "configmap \"" + ref.getName() + "\" not found");
            }
            Map<String, String> data = configMap.get().getData();
            if (data == null || !data.containsKey(ref.getKey())) {
                return missing(optional, "couldn't find key " + ref.getKey() + " in ConfigMap " + namespace + "/"
                        + ref.getName());
            }
            return Optional.of(data.get(ref.getKey()));
        }
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Optional<Secret> secret = topology.secret(namespace, ref.getName());
            if (secret.isEmpty()) {
                return missing(optional, "secret \"" + ref.getName() + "\" not found");
            }
            Map<String, String> data = secret.get().getData();
            if (data == null || !data.containsKey(ref.getKey())) {
                return missing(optional, "couldn't find key " + ref.getKey() + " in Secret " + namespace + "/"
                        + ref.getName());
            }
            return Optional.of(decode(data.get(ref.getKey())));
        }
        if (source.getFieldRef() != null) {
            String path = source.getFieldRef().getFieldPath();
            switch (path == null ? "" : path) {
                case "metadata.name":
                    return Optional.of(podName);
                case "metadata.namespace":
                    return Optional.of(namespace);
                case "status.podIP", "status.hostIP":
                    return Optional.of("127.0.0.1");
                default:
                    warnings.add(variable + ": devmesh cannot give fieldRef " + path + "; left unset");
                    return Optional.empty();
            }
        }
        warnings.add(variable + ": devmesh cannot give this valueFrom (resourceFieldRef, fileKeyRef); left unset");
        return Optional.empty();
    }

    private static Optional<String> missing(boolean optional, String message) throws Unresolvable {
        if (optional) {
            return Optional.empty();
        }
        throw new Unresolvable(message);
    }

    /** Kubernetes' {@code $(VAR)} expansion: an unknown name is left as written. */
    static String expand(String value, Map<String, String> defined) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if (next == '$') {
                    out.append('$');
                    i += 2;
                    continue;
                }
                int close = next == '(' ? value.indexOf(')', i + 2) : -1;
                if (close > 0) {
                    String name = value.substring(i + 2, close);
                    out.append(defined.containsKey(name) ? defined.get(name) : value.substring(i, close + 1));
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Secret data is base64 (the loader folded stringData into it). */
    private static String decode(String value) {
        if (value == null) {
            return "";
        }
        byte[] bytes = Base64.getMimeDecoder().decode(value);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
