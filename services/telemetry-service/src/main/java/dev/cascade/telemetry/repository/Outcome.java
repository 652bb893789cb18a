package dev.cascade.telemetry.repository;

import dev.cascade.contracts.telemetry.RejectionReason;

/** What became of one record of a batch. */
public record Outcome(Kind kind, RejectionReason reason, String detail) {

    public enum Kind {
        /** Stored and counted in its window. */
        ACCEPTED,
        /** Already stored (a redelivery, a restart, a producer's retry): counted once, before. */
        DUPLICATE,
        REJECTED
    }

    static final Outcome ACCEPTED = new Outcome(Kind.ACCEPTED, null, null);
    static final Outcome DUPLICATE = new Outcome(Kind.DUPLICATE, null, null);

    static Outcome rejected(RejectionReason reason, String detail) {
        return new Outcome(Kind.REJECTED, reason, detail);
    }
}
