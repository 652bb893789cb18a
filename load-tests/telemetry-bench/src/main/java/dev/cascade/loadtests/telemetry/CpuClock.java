package dev.cascade.loadtests.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the processes a pipeline run consists of, between two {@link Snapshot}s: telemetry-service's JVM,
 * PostgreSQL (the postmaster of the bench's cluster, from its {@code postmaster.pid}, and its backends) and the
 * bench's own JVM, which hosts the Kafka broker, the window sink and the metrics polling. The JDK reads each
 * process's {@code /proc/<pid>/stat} ({@link ProcessHandle.Info#totalCpuDuration()}). The machine's busy time, from
 * the first line of {@code /proc/stat}, shows what else ran meanwhile.
 */
final class CpuClock {

    private final long servicePid;
    private final Path postgresData;

    CpuClock(long servicePid, Path postgresData) {
        this.servicePid = servicePid;
        this.postgresData = postgresData;
    }

    /** CPU nanoseconds so far of each process, by pid, grouped; and the machine's counters. */
    record Snapshot(long wallNanos, long serviceCpu, Map<Long, Long> postgresCpu, long benchCpu, MachineTicks machine) {
    }

    /**
     * The first line of {@code /proc/stat}: the ticks all cores spent busy (user, nice, system, irq, softirq, steal)
     * and in all (those plus idle and iowait). Guest time is part of user time already.
     */
    record MachineTicks(long busy, long total) {

        static MachineTicks parse(String cpuLine) {
            String[] fields = cpuLine.strip().split("\\s+");
            if (fields.length < 8 || !fields[0].equals("cpu")) {
                throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
            }
            long user = Long.parseLong(fields[1]);
            long nice = Long.parseLong(fields[2]);
            long system = Long.parseLong(fields[3]);
            long idle = Long.parseLong(fields[4]);
            long iowait = Long.parseLong(fields[5]);
            long irq = Long.parseLong(fields[6]);
            long softirq = Long.parseLong(fields[7]);
            long steal = fields.length > 8 ? Long.parseLong(fields[8]) : 0;
            long busy = user + nice + system + irq + softirq + steal;
            return new MachineTicks(busy, busy + idle + iowait);
        }

        static MachineTicks read() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
                return lines.findFirst().map(MachineTicks::parse).orElse(new MachineTicks(0, 0));
            } catch (IOException | RuntimeException e) {
                return new MachineTicks(0, 0); // not Linux: the machine's share is then unknown
            }
        }
    }

    /**
     * CPU seconds spent in a span of {@code seconds} wall time. {@code machine} is the busy share of all cores
     * times the cores times the wall time, so it needs no clock-tick rate; {@code others} is what the machine spent
     * beyond the three accounted groups (another build, another helper's tests): if it is not near 0, the figures are
     * low and noisy.
     */
    record Usage(double seconds, double service, double postgres, double bench, double machine, int cores) {

        double others() {
            return Math.max(0, machine - service - postgres - bench);
        }

        static Usage between(Snapshot from, Snapshot to, int cores) {
            double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
            long postgres = 0;
            for (Map.Entry<Long, Long> process : to.postgresCpu().entrySet()) {
                // A backend that started in the span counts with all it spent; one that ended in it is lost.
                postgres += Math.max(0, process.getValue() - from.postgresCpu().getOrDefault(process.getKey(), 0L));
            }
            long busy = to.machine().busy() - from.machine().busy();
            long total = to.machine().total() - from.machine().total();
            double machine = total <= 0 ? Double.NaN : (double) busy / total * cores * seconds;
            return new Usage(seconds, (to.serviceCpu() - from.serviceCpu()) / 1e9, postgres / 1e9,
                    (to.benchCpu() - from.benchCpu()) / 1e9, machine, cores);
        }
    }

    Snapshot take() {
        Map<Long, Long> postgres = new HashMap<>();
        postmaster().ifPresent(postmaster -> {
            put(postgres, postmaster);
            postmaster.descendants().forEach(backend -> put(postgres, backend));
        });
        return new Snapshot(System.nanoTime(), cpu(ProcessHandle.of(servicePid).orElse(null)), postgres,
                cpu(ProcessHandle.current()), MachineTicks.read());
    }

    /** pg_ctl detaches the postmaster, so it is no child of the bench: its pid is the first line of postmaster.pid. */
    private java.util.Optional<ProcessHandle> postmaster() {
        try (Stream<String> lines = Files.lines(postgresData.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::strip).map(Long::parseLong).flatMap(ProcessHandle::of);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static void put(Map<Long, Long> cpu, ProcessHandle process) {
        long nanos = cpu(process);
        if (nanos > 0) {
            cpu.put(process.pid(), nanos);
        }
    }

    private static long cpu(ProcessHandle process) {
        if (process == null) {
            return 0;
        }
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
