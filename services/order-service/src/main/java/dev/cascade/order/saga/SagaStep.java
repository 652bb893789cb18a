package dev.cascade.order.saga;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.order.domain.Order;

/**
 * One step of a saga, as declared in {@link SagaDefinition}: the command that does it, the replies that say it is
 * done or refused, and the compensation that undoes it with the reply that confirms the undoing.
 */
public final class SagaStep {

    /** Makes a command's payload from the order and what participants answered so far. */
    @FunctionalInterface
    public interface CommandFactory extends BiFunction<Order, Map<String, String>, Object> {
    }

    record Success<R>(Class<R> payload, Function<R, Map<String, String>> ids) {
        Map<String, String> idsOf(Object reply) {
            return ids.apply(payload.cast(reply));
        }
    }

    record Failure<R>(Class<R> payload, CancellationReason reason, Function<R, String> detail) {
        String detailOf(Object reply) {
            return detail.apply(payload.cast(reply));
        }
    }

    private final String name;
    private String commandType;
    private CommandFactory command;
    private final Map<String, Success<?>> successes = new LinkedHashMap<>();
    private final Map<String, Failure<?>> failures = new LinkedHashMap<>();
    private String compensationType;
    private CommandFactory compensation;
    private String compensatedBy;

    SagaStep(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String commandType() {
        return commandType;
    }

    public boolean hasCompensation() {
        return compensationType != null;
    }

    public String compensationType() {
        return compensationType;
    }

    public String compensatedBy() {
        return compensatedBy;
    }

    /** The reply types that complete this step, then those that refuse it. */
    public Iterable<String> replyTypes() {
        var all = new java.util.ArrayList<>(successes.keySet());
        all.addAll(failures.keySet());
        return all;
    }

    Outgoing command(Order order, Map<String, String> ids) {
        return new Outgoing(commandType, command.apply(order, ids));
    }

    Outgoing compensation(Order order, Map<String, String> ids) {
        return new Outgoing(compensationType, compensation.apply(order, ids));
    }

    Optional<Success<?>> success(String replyType) {
        return Optional.ofNullable(successes.get(replyType));
    }

    Optional<Failure<?>> failure(String replyType) {
        return Optional.ofNullable(failures.get(replyType));
    }

    void invoke(String type, CommandFactory factory) {
        this.commandType = type;
        this.command = factory;
    }

    <R> void onReply(String type, Class<R> payload, Function<R, Map<String, String>> ids) {
        successes.put(type, new Success<>(payload, ids));
    }

    <R> void failWhen(String type, Class<R> payload, CancellationReason reason, Function<R, String> detail) {
        failures.put(type, new Failure<>(payload, reason, detail));
    }

    void compensateWith(String type, CommandFactory factory) {
        this.compensationType = type;
        this.compensation = factory;
    }

    void compensatedBy(String type) {
        this.compensatedBy = type;
    }

    void check() {
        if (commandType == null || successes.isEmpty()) {
            throw new IllegalStateException("step '" + name + "' needs invoke(...) and onReply(...)");
        }
        if ((compensationType == null) != (compensatedBy == null)) {
            throw new IllegalStateException("step '" + name + "' needs both compensateWith and compensatedBy");
        }
    }
}
