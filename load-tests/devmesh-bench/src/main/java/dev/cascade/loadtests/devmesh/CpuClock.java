package dev.cascade.loadtests.devmesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used so far by devmesh, by this JVM and by the whole machine, so the report can show who kept the
 * cores busy during a phase: the bench shares them with devmesh, and anything else running skews both.
 */
record CpuClock(long nanos, long devmesh, long bench, long machineBusy, long machineTotal) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    static CpuClock read(Devmesh devmesh) {
        long[] machine = machine();
        return new CpuClock(System.nanoTime(), devmesh.cpuNanos(), cpuNanos(ProcessHandle.current()), machine[0],
                machine[1]);
    }

    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Cores kept busy between {@code this} and {@code later}: devmesh, the bench, everything else (-1: unknown). */
    Use until(CpuClock later) {
        double seconds = (later.nanos - nanos) / 1e9;
        double devmeshCores = devmesh < 0 || later.devmesh < 0 ? -1 : (later.devmesh - devmesh) / 1e9 / seconds;
        double benchCores = bench < 0 || later.bench < 0 ? -1 : (later.bench - bench) / 1e9 / seconds;
        double others = -1;
        if (machineTotal > 0 && later.machineTotal > machineTotal && devmeshCores >= 0 && benchCores >= 0) {
            double machineCores = (double) (later.machineBusy - machineBusy) / (later.machineTotal - machineTotal)
                    * Runtime.getRuntime().availableProcessors();
            others = Math.max(0, machineCores - devmeshCores - benchCores);
        }
        return new Use(devmeshCores, benchCores, others);
    }

    /** CPU seconds per second over a phase. */
    record Use(double devmesh, double bench, double others) {
    }

    /** Busy and total jiffies of all CPUs from Linux's /proc/stat; zeros elsewhere. */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            // user nice system idle iowait …: idle and iowait are not busy; guest time is already in user.
            long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
            long guest = fields.length > 10 ? Long.parseLong(fields[9]) + Long.parseLong(fields[10]) : 0;
            return new long[] {total - guest - idle, total - guest};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
