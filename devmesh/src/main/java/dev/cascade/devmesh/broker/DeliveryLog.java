package dev.cascade.devmesh.broker;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The most recent delivery records, newest first, in a fixed-size ring. */
@ApplicationScoped
public class DeliveryLog {

    private final DeliveryRecord[] ring;
    private long written;

    public DeliveryLog(@ConfigProperty(name = "devmesh.deliveries.capacity", defaultValue = "1000") int capacity) {
        this.ring = new DeliveryRecord[Math.max(1, capacity)];
    }

    public synchronized void add(DeliveryRecord record) {
        ring[(int) (written % ring.length)] = record;
        written++;
    }

    public synchronized List<DeliveryRecord> recent(int limit) {
        int count = (int) Math.min(Math.min(limit, ring.length), written);
        List<DeliveryRecord> recent = new ArrayList<>(count);
        for (long i = written - 1; i >= written - count; i--) {
            recent.add(ring[(int) (i % ring.length)]);
        }
        return recent;
    }
}
