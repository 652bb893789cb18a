package dev.cascade.loadtests.devmesh;

/** Stops the run with a message for the console: devmesh would not start, a phase could not finish, … */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }
}
