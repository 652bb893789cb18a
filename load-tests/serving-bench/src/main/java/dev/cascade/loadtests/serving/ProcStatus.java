package dev.cascade.loadtests.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process from Linux's {@code /proc/<pid>/status}. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** VmRSS, the resident set now, in KiB; empty if the process is gone or this is not Linux. */
    static OptionalLong rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:	  121900 kB"
                    return OptionalLong.of(Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return OptionalLong.empty();
    }
}
