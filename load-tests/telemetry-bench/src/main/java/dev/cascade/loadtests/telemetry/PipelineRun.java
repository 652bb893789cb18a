package dev.cascade.loadtests.telemetry;

import java.util.Map;

/**
 * One measured run of telemetry-service over the whole topic, on a database and a consumer group of its own.
 *
 * <p>The measured span runs from the moment {@code /q/health/ready} first answered UP to the first metrics sample in
 * which {@code cascade_telemetry_readings_total}, summed over its outcomes, reached the topic's record count; the
 * readings counted are those processed in that span ({@code readings - processedAtReady}). Like ConsumerPerformance's
 * {@code nMsg.sec}, it includes joining the consumer group and the first fetch. The steady figure runs from the first
 * sample that showed a processed reading instead, leaving the join and the first batch out, like {@code fetch.nMsg.sec}.
 *
 * @param run                 1, 2, … of {@code --repeat}
 * @param database            the run's own PostgreSQL database (Flyway creates schema {@code telemetry} in it)
 * @param consumerGroup       the run's own consumer group
 * @param readings            records on the topic: the count that ends the run
 * @param startSeconds        from the JVM's launch to ready (not measured)
 * @param processedAtReady    the counter's sum when ready was seen
 * @param measuredSeconds     ready → the counter reaching {@code readings}
 * @param processedAtFirst    the counter's sum in the first sample above 0
 * @param steadySeconds       that sample → the counter reaching {@code readings}
 * @param outcomes            the counter at the end by outcome (accepted, duplicate, rejected), summed over the reasons
 * @param readingsStored      rows in {@code telemetry.reading} at the end
 * @param windowsStored       rows in {@code telemetry.sensor_window}
 * @param windowsClosed       of them, closed ({@code closed_at} set, hence in the outbox)
 * @param windowsPosted       distinct window.closed CloudEvents the sink received, after the drain wait
 * @param posts               POSTs the sink answered (retries included)
 * @param outboxUnpublished   outbox rows not yet published after the drain wait
 * @param committedOffsets    the run's group's committed offsets, summed over partitions, after the drain wait
 * @param cpu                 CPU seconds over the measured span
 */
record PipelineRun(int run, String database, String consumerGroup, long readings, double startSeconds,
        long processedAtReady, double measuredSeconds, long processedAtFirst, double steadySeconds,
        Map<String, Double> outcomes, long readingsStored, long windowsStored, long windowsClosed, long windowsPosted,
        long posts, long outboxUnpublished, long committedOffsets, CpuClock.Usage cpu) {

    /** Readings/s over the measured span: the figure compared with {@code nMsg.sec}. */
    double readingsPerSecond() {
        return Throughput.perSecond(readings - processedAtReady, measuredSeconds);
    }

    /** Readings/s from the first processed batch on: compared with {@code fetch.nMsg.sec}. */
    double steadyReadingsPerSecond() {
        return Throughput.perSecond(readings - processedAtFirst, steadySeconds);
    }

    /** telemetry-service CPU milliseconds per reading over the measured span. */
    double serviceCpuMillisPerReading() {
        long counted = readings - processedAtReady;
        return counted > 0 ? cpu.service() * 1000 / counted : Double.NaN;
    }
}
