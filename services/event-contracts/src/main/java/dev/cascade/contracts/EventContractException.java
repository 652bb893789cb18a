package dev.cascade.contracts;

/**
 * An incoming event breaks Cascade's contracts. Permanent: retrying the same event cannot succeed,
 * so services answer with a 4xx (which Knative does not retry), never a 5xx.
 */
public abstract class EventContractException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longest piece of client input quoted back in a message. */
    static final int MAX_QUOTED_INPUT = 120;

    protected EventContractException(String message) {
        super(message);
    }

    /** Input quoted in a message: cut to a bounded length, control characters replaced. */
    static String quote(String input) {
        if (input == null) {
            return "null";
        }
        String cut = input.length() > MAX_QUOTED_INPUT ? input.substring(0, MAX_QUOTED_INPUT) + "…" : input;
        StringBuilder quoted = new StringBuilder(cut.length() + 2).append('\'');
        cut.codePoints().forEach(c -> quoted.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return quoted.append('\'').toString();
    }
}
