package dev.cascade.devmesh.delivery;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Parses the ISO-8601 durations of a DeliverySpec ({@code backoffDelay}, {@code timeout}, {@code retryAfterMax}).
 *
 * <p>Knative parses these with {@code github.com/rickb777/date/period}. devmesh accepts what Java's
 * {@link Duration#parse} or {@link Period#parse} can express, plus Knative's special zero {@code P0}:
 * <ul>
 *   <li>{@code PnDTnHnMn.nS} (fraction on seconds only), e.g. {@code PT0.2S}, {@code PT1M}, {@code P1DT2H};</li>
 *   <li>{@code PnYnMnWnD} (whole numbers), e.g. {@code P1D}, {@code P2W}, {@code P1Y}; a year counts
 *       365.2425 days and a month 30.436875 days, the same averages Knative's {@code Period.Duration()} uses;</li>
 *   <li>a leading {@code +} or {@code -}. Upper-case designators only: Knative rejects {@code pt1s}, although
 *       Java would accept it.</li>
 * </ul>
 * Knative also accepts forms Java cannot express, which devmesh rejects: fractions on other units
 * ({@code PT1.5M}) and dates mixed with times when years, months or weeks are present ({@code P1YT1H}).
 * Knative keeps one decimal per component, so {@code PT0.25S} is 0.2 s there; devmesh keeps full precision.
 */
final class IsoDurations {

    private IsoDurations() {
    }

    /**
     * @return the duration
     * @throws IllegalArgumentException if the text is not an ISO-8601 duration devmesh accepts
     */
    static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if ("P0".equals(text)) {
            return Duration.ZERO;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLowerCase(text.charAt(i))) {
                throw new IllegalArgumentException("not an ISO-8601 duration (lower-case designator): " + text);
            }
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            try {
                Period period = Period.parse(text);
                return ChronoUnit.YEARS.getDuration().multipliedBy(period.getYears())
                        .plus(ChronoUnit.MONTHS.getDuration().multipliedBy(period.getMonths()))
                        .plus(ChronoUnit.DAYS.getDuration().multipliedBy(period.getDays()));
            } catch (DateTimeParseException notAPeriodEither) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + text, notAPeriodEither);
            }
        }
    }

    /** Whether {@link #parse} accepts the text. */
    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    /** The duration in nanoseconds, saturating at {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}. */
    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The duration in whole milliseconds (truncated towards zero), saturating instead of overflowing. */
    static long saturatedMillis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
