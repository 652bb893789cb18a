package dev.cascade.contracts;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code data} of an event does not match the schema of its type. The message lists the
 * violations (at most {@value #MAX_LISTED}) as {@code pointer: message}; {@link #getViolations()}
 * has all of them.
 */
public class InvalidEventDataException extends EventContractException {

    private static final long serialVersionUID = 1L;

    static final int MAX_LISTED = 10;
    private static final int MAX_MESSAGE_LENGTH = 200;

    private final String type;
    private final transient List<Violation> violations;

    public InvalidEventDataException(String type, List<Violation> violations) {
        super(describe(type, violations));
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    public String getType() {
        return type;
    }

    public List<Violation> getViolations() {
        return violations;
    }

    private static String describe(String type, List<Violation> violations) {
        String listed = violations.stream()
                .limit(MAX_LISTED)
                .map(v -> cut(v.toString()))
                .collect(Collectors.joining("; "));
        int more = violations.size() - MAX_LISTED;
        return "Invalid data for event type " + type + " (" + violations.size()
                + (violations.size() == 1 ? " violation): " : " violations): ") + listed
                + (more > 0 ? "; and " + more + " more" : "");
    }

    private static String cut(String text) {
        return text.length() > MAX_MESSAGE_LENGTH ? text.substring(0, MAX_MESSAGE_LENGTH) + "…" : text;
    }
}
