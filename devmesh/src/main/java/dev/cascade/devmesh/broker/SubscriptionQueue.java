package dev.cascade.devmesh.broker;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.vertx.core.Future;

/**
 * One Trigger's share of a Kafka-class log: the records fetched but not finished, dispatched as the Kafka
 * broker's consumers do (spec §6) — {@code unordered}: up to {@code maxInFlight} at once across partitions;
 * {@code ordered}: one at a time per partition, the next only after the previous one finished, retries and
 * dead-lettering included. It reports, per partition, the offset up to which every record is finished, which
 * is the only offset ever committed.
 */
final class SubscriptionQueue {

    /** Receives (partition, offset to commit) — the offset after the last contiguous finished record. */
    interface Committer {
        void commit(int partition, long nextOffset);
    }

    private final boolean ordered;
    private final int maxInFlight;
    private final Function<LogRecord, Future<?>> handler;
    private final Committer committer;
    private final Map<Integer, ArrayDeque<LogRecord>> waiting = new TreeMap<>();
    private final Map<Integer, TreeSet<Long>> unfinished = new HashMap<>();
    private final Map<Integer, Long> highestSeen = new HashMap<>();
    private final Map<Integer, Integer> inFlightPerPartition = new HashMap<>();
    private int inFlight;
    private int buffered;
    private boolean closed;

    SubscriptionQueue(boolean ordered, int maxInFlight, Function<LogRecord, Future<?>> handler, Committer committer) {
        this.ordered = ordered;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.handler = handler;
        this.committer = committer;
    }

    void offer(LogRecord record) {
        synchronized (this) {
            if (closed) {
                return;
            }
            waiting.computeIfAbsent(record.partition(), p -> new ArrayDeque<>()).addLast(record);
            unfinished.computeIfAbsent(record.partition(), p -> new TreeSet<>()).add(record.offset());
            highestSeen.merge(record.partition(), record.offset(), Math::max);
            buffered++;
        }
        pump();
    }

    /** Records fetched and not yet handed to the handler: the consumer pauses fetching while this is large. */
    synchronized int buffered() {
        return buffered;
    }

    synchronized void close() {
        closed = true;
        waiting.clear();
        buffered = 0;
    }

    private void pump() {
        while (true) {
            LogRecord next;
            synchronized (this) {
                next = closed ? null : takeNext();
                if (next == null) {
                    return;
                }
                inFlight++;
                buffered--;
                inFlightPerPartition.merge(next.partition(), 1, Integer::sum);
            }
            LogRecord dispatched = next;
            Future<?> finished;
            try {
                finished = handler.apply(dispatched);
            } catch (RuntimeException e) {
                finished = Future.failedFuture(e);
            }
            finished.onComplete(ignored -> done(dispatched));
        }
    }

    private LogRecord takeNext() {
        if (inFlight >= maxInFlight) {
            return null;
        }
        for (var entry : waiting.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            if (ordered && inFlightPerPartition.getOrDefault(entry.getKey(), 0) > 0) {
                continue;
            }
            return entry.getValue().pollFirst();
        }
        return null;
    }

    private void done(LogRecord record) {
        long commitAt;
        synchronized (this) {
            inFlight--;
            inFlightPerPartition.merge(record.partition(), -1, Integer::sum);
            TreeSet<Long> open = unfinished.get(record.partition());
            long before = open.isEmpty() ? highestSeen.get(record.partition()) + 1 : open.first();
            open.remove(record.offset());
            commitAt = open.isEmpty() ? highestSeen.get(record.partition()) + 1 : open.first();
            if (commitAt == before || closed) {
                commitAt = -1;
            }
        }
        if (commitAt >= 0) {
            committer.commit(record.partition(), commitAt);
        }
        pump();
    }
}
