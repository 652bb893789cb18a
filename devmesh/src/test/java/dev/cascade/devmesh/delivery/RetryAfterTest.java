package dev.cascade.devmesh.delivery;

import static dev.cascade.devmesh.BrokerClass.KAFKA;
import static dev.cascade.devmesh.BrokerClass.MT_CHANNEL_BASED;
import static dev.cascade.devmesh.delivery.BackoffPolicy.EXPONENTIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cascade.devmesh.BrokerClass;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterTest {

    /** A Thursday. */
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** Exponential from 1 s, so the plain backoff before retry 1 is 1 s (MT) or 2 s (KB). */
    static DeliveryPolicy policy(Duration retryAfterMax) {
        return new DeliveryPolicy(5, EXPONENTIAL, Duration.ofSeconds(1), null, retryAfterMax, null,
                EventFormat.BINARY);
    }

    static final DeliveryPolicy CAPPED_AT_60S = policy(Duration.ofSeconds(60));

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("429 with delta-seconds above the backoff", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429, "30",
                        seconds(30)),
                arguments("503 with delta-seconds above the backoff", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 503, "30",
                        seconds(30)),
                arguments("Retry-After is capped at retryAfterMax", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429, "120",
                        seconds(60)),
                arguments("the backoff wins when it is longer", MT_CHANNEL_BASED, CAPPED_AT_60S, 4, 429, "5",
                        seconds(8)),
                arguments("Retry-After 0 leaves the backoff", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429, "0",
                        seconds(1)),
                arguments("negative delta-seconds leave the backoff", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429, "-30",
                        seconds(1)),
                arguments("a plus sign is accepted (strconv.ParseInt)", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "+30", seconds(30)),
                arguments("IMF-fixdate in the future", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 503,
                        "Thu, 01 Jan 2026 00:00:45 GMT", seconds(45)),
                arguments("IMF-fixdate beyond retryAfterMax is capped", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 503,
                        "Thu, 01 Jan 2026 01:00:00 GMT", seconds(60)),
                arguments("HTTP-date in the past leaves the backoff", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "Wed, 31 Dec 2025 23:59:00 GMT", seconds(1)),
                arguments("HTTP-date weekday is not checked (Go ignores it)", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "Mon, 01 Jan 2026 00:00:45 GMT", seconds(45)),
                arguments("HTTP-date names are case-insensitive", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "thu, 01 jan 2026 00:00:45 GMT", seconds(45)),
                arguments("RFC 850 date", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "Thursday, 01-Jan-26 00:00:20 GMT", seconds(20)),
                arguments("RFC 850 date with a GMT+1 zone", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "Thursday, 01-Jan-26 01:00:20 GMT+1", seconds(20)),
                arguments("asctime date with a space-padded day", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "Thu Jan  1 00:00:10 2026", seconds(10)),
                arguments("impossible date is ignored", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "Sat, 31 Feb 2026 00:00:45 GMT", seconds(1)),
                arguments("IMF-fixdate needs the literal GMT", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "Thu, 01 Jan 2026 00:00:45 UTC", seconds(1)),
                arguments("unreadable header is ignored", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429, "soon",
                        seconds(1)),
                arguments("white space around delta-seconds makes it unreadable", MT_CHANNEL_BASED, CAPPED_AT_60S, 1,
                        429, " 30", seconds(1)),
                arguments("delta-seconds beyond a long are unreadable", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429,
                        "99999999999999999999", seconds(1)),
                arguments("missing header", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429, null, seconds(1)),
                arguments("empty header", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 429, "", seconds(1)),
                arguments("only 429 and 503 count: 500", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 500, "30", seconds(1)),
                arguments("only 429 and 503 count: 502", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 502, "30", seconds(1)),
                arguments("only 429 and 503 count: 408", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 408, "30", seconds(1)),
                arguments("no response (transport error)", MT_CHANNEL_BASED, CAPPED_AT_60S, 1, 0, "30", seconds(1)),
                arguments("without retryAfterMax (feature off) Retry-After is ignored", MT_CHANNEL_BASED,
                        policy(null), 1, 429, "30", seconds(1)),
                arguments("retryAfterMax PT0S disables Retry-After", MT_CHANNEL_BASED, policy(Duration.ZERO), 1, 429,
                        "30", seconds(1)),
                arguments("a huge retryAfterMax lets a huge Retry-After through, up to MAX_WAIT", MT_CHANNEL_BASED,
                        policy(Duration.ofDays(365L * 1000)), 1, 429, "9223372036854775807", Backoff.MAX_WAIT),
                arguments("KB ignores Retry-After (429)", KAFKA, CAPPED_AT_60S, 1, 429, "30", seconds(2)),
                arguments("KB ignores Retry-After (503, HTTP-date)", KAFKA, CAPPED_AT_60S, 2, 503,
                        "Thu, 01 Jan 2026 00:00:45 GMT", seconds(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void retryAfterRaisesTheWaitOnlyInMtFor429And503(String rule, BrokerClass cls, DeliveryPolicy p, int k,
            int status, String retryAfter, Duration expected) {
        assertThat(Backoff.beforeRetry(k, p, cls, status, retryAfter, NOW)).isEqualTo(expected);
    }

    @Test
    void retryAfterWithoutMaxEqualsPlainBackoff() {
        DeliveryPolicy p = policy(null);

        for (int k = 1; k <= p.retry(); k++) {
            assertThat(Backoff.beforeRetry(k, p, MT_CHANNEL_BASED, 429, "3600", NOW))
                    .isEqualTo(Backoff.beforeRetry(k, p, MT_CHANNEL_BASED));
        }
    }

    @Test
    void httpDateIsMeasuredFromNow() {
        String header = "Thu, 01 Jan 2026 00:01:00 GMT";

        assertThat(Backoff.beforeRetry(1, CAPPED_AT_60S, MT_CHANNEL_BASED, 503, header, NOW.plusSeconds(30)))
                .isEqualTo(seconds(30));
    }
}
