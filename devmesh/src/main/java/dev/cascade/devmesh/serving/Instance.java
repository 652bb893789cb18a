package dev.cascade.devmesh.serving;

/** One process of a revision. Mutable, and touched only on its Service's context. */
final class Instance {

    enum State {
        /** Launched (or being launched); its readiness path has not answered 200 yet. */
        STARTING,
        /** Takes requests. */
        READY,
        /** Takes no new requests and stops once those in flight are done (an older revision, a lost connection). */
        DRAINING,
        /** SIGTERM sent (or about to be); gone once the process exits. */
        STOPPING
    }

    final Revision revision;
    final String name;
    final int port;
    final long launchedNanos = System.nanoTime();
    State state = State.STARTING;
    Process process;
    int inFlight;
    long lastActiveNanos = System.nanoTime();

    Instance(Revision revision, String name, int port) {
        this.revision = revision;
        this.name = name;
        this.port = port;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    boolean live() {
        return state == State.STARTING || state == State.READY;
    }

    /** Whether it can take one more request now. */
    boolean hasRoom() {
        int limit = revision.scaling().containerConcurrency();
        return state == State.READY && (limit == 0 || inFlight < limit);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", port " + port + ")";
    }
}
