package dev.cascade.contracts.observability;

/**
 * The one log line every service writes per CloudEvent it handled: its logger, its MDC keys and its message, with
 * values from the event made safe for a line-oriented log. Event attributes come from outside: an id with a newline
 * would forge a second log line, a 10 kB type would bury the rest, so every value is cut to {@value #MAX_LENGTH}
 * characters and control and line-separator characters become spaces.
 */
public final class EventLog {

    /** The logger (category) of the per-event line, at INFO. */
    public static final String LOGGER = "dev.cascade.events";

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String EVENT_SOURCE = "eventSource";
    public static final String OUTCOME = "outcome";
    public static final String STATUS = "status";
    /** The same keys Quarkus's OpenTelemetry support uses while a span is current. */
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    /** The longest value kept from an event attribute, in characters. */
    public static final int MAX_LENGTH = 200;

    private EventLog() {
    }

    /** {@code value} on one line and at most {@link #MAX_LENGTH} characters (plus "…"); "-" for none. */
    public static String oneLine(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        boolean cut = value.length() > MAX_LENGTH;
        String kept = cut ? value.substring(0, MAX_LENGTH) : value;
        StringBuilder clean = null;
        for (int i = 0; i < kept.length(); i++) {
            char c = kept.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                if (clean == null) {
                    clean = new StringBuilder(kept);
                }
                clean.setCharAt(i, ' ');
            }
        }
        String line = clean == null ? kept : clean.toString();
        // A high surrogate left alone at the cut would be an invalid character in the JSON log.
        if (cut && Character.isHighSurrogate(line.charAt(line.length() - 1))) {
            line = line.substring(0, line.length() - 1);
        }
        return cut ? line + "…" : line;
    }

    /**
     * The message: {@code handled <type> <id> -> <status> in <millis> ms}, each value through {@link #oneLine};
     * status 0 (the connection closed before an answer) reads {@code no answer}.
     */
    public static String message(String type, String id, int status, long millis) {
        return "handled " + oneLine(type) + " " + oneLine(id) + " -> " + (status == 0 ? "no answer" : status)
                + " in " + millis + " ms";
    }
}
