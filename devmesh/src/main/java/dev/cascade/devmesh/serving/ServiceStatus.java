package dev.cascade.devmesh.serving;

import java.util.List;

/**
 * One row of {@code GET /devmesh/services}.
 *
 * @param state {@code scaled-to-zero}, {@code starting}, {@code ready}, {@code failed} (the last start failed and
 *     nothing runs), or {@code external} ({@code devmesh.services.<name>.url} is set: devmesh does not run it)
 * @param instances processes running, whatever their state
 * @param lastColdStartMs how long the last request held at zero waited for an instance, null before the first
 * @param pids the process ids of the instances
 * @param log the file the instances write to
 * @param lastError why the last start failed or an instance died, null when all went well since
 */
public record ServiceStatus(
        String namespace,
        String name,
        String url,
        String state,
        String revision,
        int instances,
        int readyInstances,
        int inFlight,
        int queued,
        long coldStarts,
        Long lastColdStartMs,
        int minScale,
        int maxScale,
        double target,
        int containerConcurrency,
        long timeoutSeconds,
        List<Long> pids,
        String log,
        String lastError) {

    public static final String SCALED_TO_ZERO = "scaled-to-zero";
    public static final String STARTING = "starting";
    public static final String READY = "ready";
    public static final String FAILED = "failed";
    public static final String EXTERNAL = "external";

    static ServiceStatus failed(String namespace, String name, String reason) {
        return new ServiceStatus(namespace, name, null, FAILED, null, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, 0, List.of(),
                null, reason);
    }

    static ServiceStatus external(String namespace, String name, String url) {
        return new ServiceStatus(namespace, name, url, EXTERNAL, null, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, 0, List.of(),
                null, null);
    }
}
