package dev.cascade.contracts;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The outcome of validating the data of one event against the schema of its type. */
@RegisterForReflection
public record ValidationResult(String type, List<Violation> violations) {

    public ValidationResult {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }
}
