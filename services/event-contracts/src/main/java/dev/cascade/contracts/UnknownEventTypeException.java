package dev.cascade.contracts;

/** The event's {@code type} is not in {@link EventCatalog}. */
public class UnknownEventTypeException extends EventContractException {

    private static final long serialVersionUID = 1L;

    private final String type;

    public UnknownEventTypeException(String type) {
        super("Unknown event type " + quote(type));
        this.type = type;
    }

    public String getType() {
        return type;
    }
}
