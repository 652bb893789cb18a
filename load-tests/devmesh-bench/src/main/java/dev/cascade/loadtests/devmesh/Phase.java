package dev.cascade.loadtests.devmesh;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tally of one phase against one target, written by the client's event loop (answers) and the subscriber's
 * (deliveries), read by the main thread. Events are told apart by their {@code ce-id}, {@code <prefix><seq>}.
 *
 * <p>A latency phase also keeps, per event, when its 2xx came and when the subscriber had it, as nanoseconds
 * after {@link #origin} plus one (0 = not yet). Latency is then taken from the event's <em>scheduled</em> send
 * time, so a stall delays every event planned during it instead of hiding them (no coordinated omission).
 */
final class Phase {

    final String idPrefix;
    final long origin;
    private final double nanosPerEvent;
    private final AtomicLongArray answeredAt;
    private final AtomicLongArray deliveredAt;

    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<Integer, LongAdder> non2xx = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstProblem = new AtomicReference<>();

    private Phase(String idPrefix, long origin, double nanosPerEvent, int tracked) {
        this.idPrefix = idPrefix;
        this.origin = origin;
        this.nanosPerEvent = nanosPerEvent;
        this.answeredAt = tracked > 0 ? new AtomicLongArray(tracked) : null;
        this.deliveredAt = tracked > 0 ? new AtomicLongArray(tracked) : null;
    }

    /** A closed-loop phase: counts only. */
    static Phase counting(String idPrefix) {
        return new Phase(idPrefix, System.nanoTime(), 0, 0);
    }

    /** An open-loop phase of {@code count} events at {@code rate}/s, the first one due at {@code origin}. */
    static Phase scheduled(String idPrefix, long origin, int rate, int count) {
        return new Phase(idPrefix, origin, 1e9 / rate, count);
    }

    int tracked() {
        return answeredAt == null ? 0 : answeredAt.length();
    }

    long scheduledOffset(long seq) {
        return (long) (seq * nanosPerEvent);
    }

    long nextSeq() {
        return nextSeq.getAndIncrement();
    }

    void answered(long seq, int status, long now) {
        if (status >= 200 && status < 300) {
            if (answeredAt != null) {
                answeredAt.set((int) seq, now - origin + 1);
            }
            ok.incrementAndGet();
        } else {
            non2xx.computeIfAbsent(status, code -> new LongAdder()).increment();
            firstProblem.compareAndSet(null, "HTTP " + status + " for event " + idPrefix + seq);
        }
        answered.incrementAndGet();
    }

    void failed(long seq, Throwable cause) {
        failed.incrementAndGet();
        firstProblem.compareAndSet(null, "event " + idPrefix + seq + ": " + cause);
        answered.incrementAndGet();
    }

    /** Called by the subscriber for every event it gets; {@code false} if the event is not one of this phase. */
    boolean delivered(String id, long now) {
        if (id == null || !id.startsWith(idPrefix)) {
            return false;
        }
        if (deliveredAt != null) {
            long seq;
            try {
                seq = Long.parseLong(id, idPrefix.length(), id.length(), 10);
            } catch (NumberFormatException e) {
                return false;
            }
            if (seq < 0 || seq >= deliveredAt.length()) {
                return false;
            }
            if (!deliveredAt.compareAndSet((int) seq, 0, now - origin + 1)) {
                duplicates.incrementAndGet();
            }
        }
        delivered.incrementAndGet();
        return true;
    }

    long answered() {
        return answered.get();
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    long delivered() {
        return delivered.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long non2xxTotal() {
        return non2xx.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Status code → count, for the report: non-2xx answers are shown, never dropped. */
    Map<Integer, Long> non2xx() {
        Map<Integer, Long> copy = new TreeMap<>();
        non2xx.forEach((code, count) -> copy.put(code, count.sum()));
        return copy;
    }

    String firstProblem() {
        return firstProblem.get();
    }

    /** When event {@code seq} was answered with a 2xx, in ns after its scheduled time; -1 if it was not. */
    long answerLatency(int seq) {
        long at = answeredAt.get(seq);
        return at == 0 ? -1 : at - 1 - scheduledOffset(seq);
    }

    /** When the subscriber had event {@code seq}, in ns after its scheduled time; -1 if it never did. */
    long deliveryLatency(int seq) {
        long at = deliveredAt.get(seq);
        return at == 0 ? -1 : at - 1 - scheduledOffset(seq);
    }
}
