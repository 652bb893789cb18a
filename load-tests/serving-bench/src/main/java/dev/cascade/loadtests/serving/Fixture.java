package dev.cascade.loadtests.serving;

import java.nio.file.Path;

/**
 * The two fixture functions of load-tests/fixture-functions and the goals of the issue for each: a function without
 * a database, and one with PostgreSQL and Kafka.
 *
 * @param module the Maven module under load-tests/fixture-functions
 * @param shortName the prefix of its Knative Services, one per variant
 * @param eventType the CloudEvent type its Trigger filters on and its {@code @CloudEventMapping} triggers on
 * @param goalFirstEventMillis start to first event handled, at most
 * @param goalRssMib resident memory after the first event, at most
 */
enum Fixture {

    ECHO("echo-function", "echo", "bench.echo", "no database", 1_000, 120),
    ECHO_DB("echo-db-function", "echo-db", "bench.echo-db", "PostgreSQL and Kafka", 2_000, 200);

    /** The cold burst may take at most this many times the warm one. */
    static final double GOAL_COLD_WARM_RATIO = 2.0;

    final String module;
    final String shortName;
    final String eventType;
    final String uses;
    final long goalFirstEventMillis;
    final long goalRssMib;

    Fixture(String module, String shortName, String eventType, String uses, long goalFirstEventMillis,
            long goalRssMib) {
        this.module = module;
        this.shortName = shortName;
        this.eventType = eventType;
        this.uses = uses;
        this.goalFirstEventMillis = goalFirstEventMillis;
        this.goalRssMib = goalRssMib;
    }

    Path target(Path root) {
        return root.resolve("load-tests/fixture-functions").resolve(module).resolve("target");
    }

    /** The Knative Service that runs this fixture in {@code variant}. */
    String service(Variant variant) {
        return shortName + "-" + variant.id;
    }
}
