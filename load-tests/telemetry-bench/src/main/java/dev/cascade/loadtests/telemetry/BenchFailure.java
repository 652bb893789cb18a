package dev.cascade.loadtests.telemetry;

/** Stops the run with a message for the console: the service would not start, a run stalled, a tool failed, … */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }
}
