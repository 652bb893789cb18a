package dev.cascade.loadtests.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the whole machine's CPUs were between two readings of {@code /proc/stat}, whoever used them: the
 * share of time not idle and not waiting for I/O, over all cores. A window that begins with the machine at 100 %
 * begins with a backlog, whatever its own load.
 */
final class MachineLoad {

    private static final Path STAT = Path.of("/proc/stat");

    private final long[] before;

    private MachineLoad(long[] before) {
        this.before = before;
    }

    /** A reading now; {@link #busyPercent()} is measured from it. Null where the machine has no {@code /proc/stat}. */
    static MachineLoad start() {
        long[] now = read();
        return now == null ? null : new MachineLoad(now);
    }

    /** The busy share since {@link #start()}, 0 to 100. */
    double busyPercent() {
        long[] after = read();
        if (after == null) {
            return Double.NaN;
        }
        long total = after[0] - before[0];
        long idle = after[1] - before[1];
        return total <= 0 ? Double.NaN : 100.0 * (total - idle) / total;
    }

    /** {total, idle + iowait} in clock ticks, from the line "cpu user nice system idle iowait irq softirq steal". */
    private static long[] read() {
        if (!Files.isReadable(STAT)) {
            return null;
        }
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
