package dev.cascade.devmesh.delivery;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code Retry-After} header the way MT does ({@code ev:pkg/kncloudevents/retries.go}
 * parseRetryAfterDuration): first as delta-seconds ({@code strconv.ParseInt}, so an optional sign and ASCII digits,
 * nothing else), then as an HTTP-date in the three forms of Go's {@code http.ParseTime}:
 * <ul>
 *   <li>IMF-fixdate {@code Sun, 06 Nov 1994 08:49:37 GMT};</li>
 *   <li>RFC 850 {@code Sunday, 06-Nov-94 08:49:37 GMT} (two-digit years 69..99 are 19xx, else 20xx; a zone
 *       abbreviation counts as UTC, {@code GMT+h} as that offset);</li>
 *   <li>ANSI C asctime {@code Sun Nov  6 08:49:37 1994} (UTC).</li>
 * </ul>
 * Day and month names are case-insensitive and the weekday is not checked against the date, as in Go. Anything
 * else, including surrounding white space, is ignored (zero).
 */
final class RetryAfterHeader {

    private static final String WEEKDAY = "(?i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private static final String LONG_WEEKDAY = "(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    private static final String MONTH = "(?i:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))";
    private static final String TIME = "(\\d{1,2}):(\\d{2}):(\\d{2})";

    private static final Pattern DELTA_SECONDS = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern IMF_FIXDATE =
            Pattern.compile(WEEKDAY + ", (\\d{2}) " + MONTH + " (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC_850 = Pattern.compile(
            LONG_WEEKDAY + ", (\\d{2})-" + MONTH + "-(\\d{2}) " + TIME + " ([A-Z]{3}|[A-Z]{3,4}T|GMT([+-]\\d{1,2}))");
    private static final Pattern ASCTIME = Pattern.compile(WEEKDAY + " " + MONTH + " ( ?\\d{1,2}) " + TIME + " (\\d{4})");

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private RetryAfterHeader() {
    }

    /**
     * The wait the header asks for, measured from {@code now}; negative for a date in the past, zero when the header
     * is absent or unreadable. Delta-seconds outside the range of a {@code long} are unreadable, as in Go.
     */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isEmpty()) {
            return Duration.ZERO;
        }
        if (DELTA_SECONDS.matcher(value).matches()) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException outOfRange) {
                return Duration.ZERO;
            }
        }
        Instant at = httpDate(value);
        return at == null ? Duration.ZERO : Duration.between(now, at);
    }

    private static Instant httpDate(String value) {
        try {
            Matcher m = IMF_FIXDATE.matcher(value);
            if (m.matches()) {
                return utc(Integer.parseInt(m.group(3)), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6), 0);
            }
            m = RFC_850.matcher(value);
            if (m.matches()) {
                int yy = Integer.parseInt(m.group(3));
                int offsetHours = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
                return utc(yy >= 69 ? 1900 + yy : 2000 + yy, m.group(2), m.group(1), m.group(4), m.group(5),
                        m.group(6), offsetHours);
            }
            m = ASCTIME.matcher(value);
            if (m.matches()) {
                return utc(Integer.parseInt(m.group(6)), m.group(1), m.group(2).trim(), m.group(3), m.group(4),
                        m.group(5), 0);
            }
        } catch (DateTimeException outOfRange) {
            // e.g. 31 Feb or 24:00:00; Go rejects these as well.
        }
        return null;
    }

    private static Instant utc(int year, String month, String day, String hour, String minute, String second,
            int offsetHours) {
        LocalDateTime local = LocalDateTime.of(year, MONTHS.indexOf(month.toLowerCase(Locale.ROOT)) + 1,
                Integer.parseInt(day), Integer.parseInt(hour), Integer.parseInt(minute), Integer.parseInt(second));
        return local.toInstant(ZoneOffset.ofHours(offsetHours));
    }
}
