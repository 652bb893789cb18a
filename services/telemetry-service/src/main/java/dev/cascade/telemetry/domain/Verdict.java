package dev.cascade.telemetry.domain;

import dev.cascade.contracts.telemetry.RejectionReason;

/** What the rules say about one reading: normalised, or rejected with a reason and a detail for operators. */
public sealed interface Verdict {

    record Valid(Normalised reading) implements Verdict {
    }

    record Invalid(RejectionReason reason, String detail) implements Verdict {
    }
}
