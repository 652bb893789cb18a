package dev.cascade.devmesh.broker;

/**
 * The span of one broker hop — an event's ingress, or one attempt to deliver it — from its start until its
 * outcome is known. Its {@link #context()} is what devmesh sends on as {@code traceparent}, so the next process's
 * spans are its children.
 */
public interface HopSpan {

    TraceContext context();

    /**
     * Ends the span.
     *
     * @param status the HTTP status of the hop ({@code -1}: no response)
     * @param error  why the hop failed although its status alone does not say so, or null
     */
    void end(int status, String error);
}
