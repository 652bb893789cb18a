package dev.cascade.order.service;

import java.sql.SQLException;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Another writer changed the same order or saga between this command's load and its commit: the unique
 * (aggregate_id, version) of the event store or the version of the saga row refused the write. The command is
 * retried on the reloaded state.
 */
public class ConcurrentChange extends RuntimeException {

    private static final String UNIQUE_VIOLATION = "23505";

    public ConcurrentChange(Throwable cause) {
        super("a concurrent change won; retry on the reloaded order", cause);
    }

    /** Whether {@code failure} is (or is caused by) an optimistic concurrency conflict. */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrentChange || t instanceof StaleStateException
                    || t instanceof OptimisticLockException) {
                return true;
            }
            if (t instanceof ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
