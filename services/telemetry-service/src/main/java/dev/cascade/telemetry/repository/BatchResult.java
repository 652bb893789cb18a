package dev.cascade.telemetry.repository;

import java.util.List;

/** The outcome of each record of a batch, in order, and how many windows the batch closed. */
public record BatchResult(List<Outcome> outcomes, int windowsClosed) {
}
