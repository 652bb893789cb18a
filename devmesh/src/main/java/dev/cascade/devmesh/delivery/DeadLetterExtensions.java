package dev.cascade.devmesh.delivery;

import dev.cascade.devmesh.BrokerClass;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The CloudEvent extensions added to the original event before it goes to the dead-letter sink
 * (shared/knative-broker-semantics.md §3.5). MT: {@code ev:pkg/kncloudevents/event_dispatcher.go}
 * dispatchExecutionInfoTransformers and {@code attributes/knative_error.go}; KB:
 * {@code kb:data-plane/dispatcher/.../impl/RecordDispatcherImpl.java} errorTransform.
 *
 * <p>The maps returned are unmodifiable and keep insertion order. Not modelled here: MT's quirk that a failure of
 * broker-filter itself (502 for an invalid reply, 404 for an unknown trigger, a {@code delivery.timeout} on the
 * IMC→filter hop) adds <em>no</em> extensions at all; the caller simply does not call this class then.
 */
public final class DeadLetterExtensions {

    /** URL of the target whose delivery failed (the subscriber, or the broker ingress for a failed reply). */
    public static final String ERROR_DEST = "knativeerrordest";
    /** Last HTTP status, as a decimal string. */
    public static final String ERROR_CODE = "knativeerrorcode";
    /** Base64 (standard alphabet, padded) of the last response body. */
    public static final String ERROR_DATA = "knativeerrordata";
    /** MT: cap on the base64 text, in characters. KB: cap on the raw body, in bytes. */
    public static final int ERROR_DATA_MAX = 1024;
    /** KB: response headers with this prefix (any case) are copied to the DLS event, prefix removed, lower-cased. */
    public static final String KAFKA_ERROR_HEADER_PREFIX = "Kne-";
    /** MT: the message a transport error is wrapped in before it is base64-encoded. */
    public static final String MT_TRANSPORT_ERROR_PREFIX = "dispatch error: ";
    /** MT: the code reported for a transport error between broker-filter and the subscriber. */
    public static final int MT_TRANSPORT_ERROR_CODE = 500;

    /** A CloudEvents extension name as sdk-java's builder accepts it. */
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");

    private DeadLetterExtensions() {
    }

    /**
     * The extensions for a delivery whose last attempt got an HTTP response.
     *
     * <p><b>MT</b>: dest, code and data, where data is the base64 of the body cut to its first 1024 characters (an
     * absent or empty body gives {@code ""}). A destination whose scheme is not http or https is reported as
     * {@code http://<host>/} (sanitizeURL). Response headers are not used.
     *
     * <p><b>KB</b>: dest and code, then one extension per {@code Kne-<name>} header ({@code <name>} lower-cased; the
     * last value wins), then data: the base64 of the body's first 1024 bytes. A null body means no data extension; an
     * empty body gives {@code ""}, because Vert.x hands KB an empty buffer, not null. Header-derived names are applied
     * in KB's order, so a {@code Kne-knativeerrorcode} header overrides the code, while the body always overrides a
     * {@code Kne-knativeerrordata} header. A header whose name would not be a valid extension name (say
     * {@code Kne-Retry-Count}) is skipped: KB's CloudEvent builder throws on it and the record never reaches the DLS.
     *
     * <p>Upstream divergence: MT sizes its base64 buffer to 1024 bytes and then encodes the whole body into it, so a
     * body over 768 bytes makes Go's {@code base64.Encode} panic (see knative-extensions/eventing-natss#434, same
     * code). devmesh implements the evident intent, the truncation.
     *
     * @param body            the response body; null when none was read
     * @param responseHeaders the response headers (only KB reads them); nullable
     */
    public static Map<String, String> forResponse(BrokerClass cls, URI failedDestination, int status, byte[] body,
            Map<String, List<String>> responseHeaders) {
        Objects.requireNonNull(cls, "broker class");
        Objects.requireNonNull(failedDestination, "failed destination");
        Map<String, String> extensions = new LinkedHashMap<>();
        switch (cls) {
            case MT_CHANNEL_BASED -> {
                extensions.put(ERROR_DEST, channelBasedDestination(failedDestination));
                extensions.put(ERROR_CODE, Integer.toString(status));
                extensions.put(ERROR_DATA, channelBasedData(body == null ? new byte[0] : body));
            }
            case KAFKA -> {
                extensions.put(ERROR_DEST, failedDestination.toString());
                extensions.put(ERROR_CODE, Integer.toString(status));
                copyKneHeaders(responseHeaders, extensions);
                if (body != null) {
                    byte[] kept = body.length > ERROR_DATA_MAX ? Arrays.copyOf(body, ERROR_DATA_MAX) : body;
                    extensions.put(ERROR_DATA, Base64.getEncoder().encodeToString(kept));
                }
            }
        }
        return Collections.unmodifiableMap(extensions);
    }

    /**
     * The extensions for a delivery whose last attempt got no response (connection refused, reset, timeout).
     *
     * <p><b>MT</b>: code {@code "500"} and data {@code base64("dispatch error: " + errorMessage)}, capped like a body.
     * This is what broker-filter reports when it cannot reach the subscriber.
     * <p><b>KB</b>: only {@code knativeerrordest}.
     */
    public static Map<String, String> forTransportError(BrokerClass cls, URI failedDestination, String errorMessage) {
        Objects.requireNonNull(cls, "broker class");
        Objects.requireNonNull(failedDestination, "failed destination");
        Map<String, String> extensions = new LinkedHashMap<>();
        switch (cls) {
            case MT_CHANNEL_BASED -> {
                extensions.put(ERROR_DEST, channelBasedDestination(failedDestination));
                extensions.put(ERROR_CODE, Integer.toString(MT_TRANSPORT_ERROR_CODE));
                byte[] message = (MT_TRANSPORT_ERROR_PREFIX + Objects.toString(errorMessage, ""))
                        .getBytes(StandardCharsets.UTF_8);
                extensions.put(ERROR_DATA, channelBasedData(message));
            }
            case KAFKA -> extensions.put(ERROR_DEST, failedDestination.toString());
        }
        return Collections.unmodifiableMap(extensions);
    }

    private static String channelBasedData(byte[] body) {
        String encoded = Base64.getEncoder().encodeToString(body);
        return encoded.length() > ERROR_DATA_MAX ? encoded.substring(0, ERROR_DATA_MAX) : encoded;
    }

    private static String channelBasedDestination(URI destination) {
        String scheme = destination.getScheme();
        if ("http".equals(scheme) || "https".equals(scheme)) {
            return destination.toString();
        }
        String authority = destination.getRawAuthority() == null ? "" : destination.getRawAuthority();
        int at = authority.lastIndexOf('@');
        return "http://" + authority.substring(at + 1) + "/";
    }

    private static void copyKneHeaders(Map<String, List<String>> headers, Map<String, String> extensions) {
        if (headers == null) {
            return;
        }
        int prefixLength = KAFKA_ERROR_HEADER_PREFIX.length();
        headers.forEach((header, values) -> {
            if (header == null || values == null || values.isEmpty()
                    || !header.regionMatches(true, 0, KAFKA_ERROR_HEADER_PREFIX, 0, prefixLength)) {
                return;
            }
            String name = header.substring(prefixLength).toLowerCase(Locale.ROOT);
            if (EXTENSION_NAME.matcher(name).matches()) {
                extensions.put(name, values.get(values.size() - 1));
            }
        });
    }
}
