package dev.cascade.loadtests.serving;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the report says of the machine and the JDKs, so figures from two runs can be told apart. */
record Facts(int cores, String cpu, long memoryMib, String os, String benchJdk, String jdk25) {

    static Facts gather(BenchOptions options) {
        return new Facts(Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemoryMib(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                version(options.jdk25().resolve("bin/java")));
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name", "?");
    }

    private static long totalMemoryMib() {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal", "0 kB").split("\\s+")[0];
        try {
            return Long.parseLong(total) / 1024;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstValue(Path file, String key, String otherwise) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return otherwise;
    }

    /** The second line of {@code java -version} (the runtime and its build), or why there is none. */
    private static String version(Path java) {
        if (!Files.isExecutable(java)) {
            return "none at " + java;
        }
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return java + " -version did not answer";
            }
            List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
            return lines.size() > 1 ? lines.get(1).trim() : String.join(" ", lines);
        } catch (IOException e) {
            return java + " -version failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
