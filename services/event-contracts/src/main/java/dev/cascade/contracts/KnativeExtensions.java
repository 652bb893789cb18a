package dev.cascade.contracts;

/** CloudEvents extension attributes that Knative and tracing put on events Cascade receives. */
public final class KnativeExtensions {

    /**
     * HTTP status the last delivery attempt got, added by Knative when it hands an undeliverable event
     * to a dead-letter sink (Knative Eventing "DeliverySpec", dead-letter extensions).
     */
    public static final String ERROR_CODE = "knativeerrorcode";
    /** The subscriber URI that kept failing. */
    public static final String ERROR_DEST = "knativeerrordest";
    /** The subscriber's response body, base64-encoded and possibly truncated by Knative. */
    public static final String ERROR_DATA = "knativeerrordata";

    /** W3C trace context, carried as a CloudEvents extension (Distributed Tracing extension). */
    public static final String TRACEPARENT = "traceparent";
    /** W3C trace state that goes with {@link #TRACEPARENT}, when there is any (Distributed Tracing extension). */
    public static final String TRACESTATE = "tracestate";

    private KnativeExtensions() {
    }
}
