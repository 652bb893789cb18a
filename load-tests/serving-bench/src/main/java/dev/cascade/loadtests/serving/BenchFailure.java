package dev.cascade.loadtests.serving;

/** Stops the run with a message for the console: devmesh would not start, a function never scaled to zero, … */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }
}
