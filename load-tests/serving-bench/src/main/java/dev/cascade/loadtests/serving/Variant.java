package dev.cascade.loadtests.serving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One way to run a fixture's JVM: which JDK, which build of the application, which start-up archive. Every archive
 * option makes the JVM refuse to start without a usable archive, so a variant whose archive does not fit its JDK
 * fails loudly instead of being measured as the plain JVM.
 */
enum Variant {

    JVM("jvm", "the bench's JDK, fast-jar, no archive", false, Variant.FAST_JAR),
    APPCDS("appcds", "the bench's JDK, fast-jar, Quarkus's AppCDS archive (made at build from a start-up)", false,
            Variant.FAST_JAR),
    JVM25("jvm25", "JDK 25, aot-jar, no cache", true, Variant.AOT_JAR),
    AOT25("aot25", "JDK 25, aot-jar, Quarkus's AOT cache (JEP 483/514, made at build from a start-up)", true,
            Variant.AOT_JAR),
    AOT25_TRAINED("aot25-trained", "JDK 25, aot-jar, an AOT cache the bench recorded from a start, one event and "
            + "one burst through devmesh (-XX:AOTCacheOutput, JEP 514/515)", true, Variant.AOT_JAR),
    /** Not measured: the instance whose exit writes {@link #AOT25_TRAINED}'s cache. */
    TRAINING("aot25-training", "the training run of aot25-trained", true, Variant.AOT_JAR);

    /** The CloudEvent extension attribute that a variant's Trigger filters on, beside the type. */
    static final String EXTENSION = "benchvariant";

    static final String FAST_JAR = "quarkus-app";
    /** Where the documented JDK 25 build writes the aot-jar and its cache (quarkus.package.output-directory). */
    static final String AOT_JAR = "quarkus-app-aot";

    /** What --variants chooses from, in report order. */
    static final List<Variant> MEASURED = List.of(JVM, APPCDS, JVM25, AOT25, AOT25_TRAINED);
    static final List<String> NAMES = MEASURED.stream().map(v -> v.id).toList();

    /** The suffix of the Knative Service and the value of the events' {@value #EXTENSION} attribute. */
    final String id;
    final String description;
    final boolean jdk25;
    final String appDirectory;

    Variant(String id, String description, boolean jdk25, String appDirectory) {
        this.id = id;
        this.description = description;
        this.jdk25 = jdk25;
        this.appDirectory = appDirectory;
    }

    static Variant byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown variant " + id + ": choose from " + NAMES));
    }

    Path java(BenchOptions options) {
        Path home = jdk25 ? options.jdk25() : Path.of(System.getProperty("java.home"));
        return home.resolve("bin/java");
    }

    Path directory(BenchOptions options, Fixture fixture) {
        return fixture.target(options.root()).resolve(appDirectory);
    }

    /** The start-up archive this variant reads or (training) writes, {@code null} for none. */
    Path archive(BenchOptions options, Fixture fixture) {
        return switch (this) {
            case JVM, JVM25 -> null;
            case APPCDS -> directory(options, fixture).resolve("app-cds.jsa");
            case AOT25 -> directory(options, fixture).resolve("app.aot");
            case AOT25_TRAINED, TRAINING -> options.work().resolve("aot").resolve(fixture.module + ".aot");
        };
    }

    /** The JVM options that point the JVM at {@link #archive}. */
    List<String> archiveOptions(BenchOptions options, Fixture fixture) {
        return switch (this) {
            case JVM, JVM25 -> List.of();
            case APPCDS -> List.of("-XX:SharedArchiveFile=app-cds.jsa", "-Xshare:on");
            case AOT25 -> List.of("-XX:AOTCache=app.aot", "-XX:AOTMode=on");
            case AOT25_TRAINED -> List.of("-XX:AOTCache=" + archive(options, fixture), "-XX:AOTMode=on");
            case TRAINING -> List.of("-XX:AOTCacheOutput=" + archive(options, fixture));
        };
    }

    /** Whether the archive comes with the build (else the bench records it during the run, or there is none). */
    private boolean archiveFromBuild() {
        return this == APPCDS || this == AOT25;
    }

    /** Why this variant cannot run {@code fixture}, or {@code null} if it can. */
    String problem(BenchOptions options, Fixture fixture) {
        Path java = java(options);
        if (!Files.isExecutable(java)) {
            return "no JDK at " + java + (jdk25 ? " (set --jdk25)" : "");
        }
        Path directory = directory(options, fixture);
        if (!Files.isRegularFile(directory.resolve("quarkus-run.jar"))) {
            return "no " + directory.resolve("quarkus-run.jar") + ": " + buildHint();
        }
        if (archiveFromBuild() && !Files.isRegularFile(archive(options, fixture))) {
            return "no " + archive(options, fixture) + ": " + buildHint();
        }
        String line = directory + " " + java + " " + String.join(" ", options.functionJvmArgs()) + " "
                + String.join(" ", archiveOptions(options, fixture));
        if (line.contains("'") || line.contains("\"") || line.contains("\\")) {
            return "a quote or backslash in " + line + " cannot go through devmesh's command line";
        }
        return null;
    }

    private String buildHint() {
        return jdk25 ? "build it with the JDK 25 command of load-tests/README.md"
                : "build the fixtures with -Pbench (load-tests/README.md)";
    }

    /**
     * The command line devmesh runs for one instance. The archives record the class path as the build ran the
     * application, relative to its directory ({@code quarkus-run.jar}), and JDK 17 refuses an AppCDS archive from
     * anywhere else; so every variant starts in its application directory, as a container starts in its WORKDIR.
     * {@code exec} keeps the JVM at the pid devmesh reports.
     */
    String command(BenchOptions options, Fixture fixture) {
        List<String> java = new ArrayList<>();
        java.add(java(options).toString());
        java.addAll(options.functionJvmArgs());
        java.addAll(archiveOptions(options, fixture));
        java.add("-jar");
        java.add("quarkus-run.jar");
        return "/bin/sh -c 'cd " + directory(options, fixture) + " && exec " + String.join(" ", java) + "'";
    }
}
