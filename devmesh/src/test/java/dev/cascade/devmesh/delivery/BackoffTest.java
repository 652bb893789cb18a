package dev.cascade.devmesh.delivery;

import static dev.cascade.devmesh.BrokerClass.KAFKA;
import static dev.cascade.devmesh.BrokerClass.MT_CHANNEL_BASED;
import static dev.cascade.devmesh.delivery.BackoffPolicy.EXPONENTIAL;
import static dev.cascade.devmesh.delivery.BackoffPolicy.LINEAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cascade.devmesh.BrokerClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackoffTest {

    static DeliveryPolicy policy(int retry, BackoffPolicy backoffPolicy, Duration delay) {
        return new DeliveryPolicy(retry, backoffPolicy, delay, null, null, null, EventFormat.BINARY);
    }

    static List<Long> waitsInMillis(DeliveryPolicy p, BrokerClass cls) {
        List<Long> waits = new ArrayList<>();
        for (int k = 1; k <= p.retry(); k++) {
            waits.add(Backoff.beforeRetry(k, p, cls).toMillis());
        }
        return waits;
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                arguments("MT exponential PT0.2S: d, 2d, 4d…", MT_CHANNEL_BASED, policy(5, EXPONENTIAL, ms(200)),
                        List.of(200L, 400L, 800L, 1600L, 3200L)),
                arguments("KB exponential PT0.2S: 2d, 4d, 8d…", KAFKA, policy(5, EXPONENTIAL, ms(200)),
                        List.of(400L, 800L, 1600L, 3200L, 6400L)),
                arguments("MT linear PT1S: 0, d, 2d…", MT_CHANNEL_BASED, policy(4, LINEAR, ms(1000)),
                        List.of(0L, 1000L, 2000L, 3000L)),
                arguments("KB linear PT1S: d, 2d, 3d…", KAFKA, policy(4, LINEAR, ms(1000)),
                        List.of(1000L, 2000L, 3000L, 4000L)),
                arguments("MT linear PT0.5S", MT_CHANNEL_BASED, policy(3, LINEAR, ms(500)),
                        List.of(0L, 500L, 1000L)),
                arguments("MT exponential PT3S", MT_CHANNEL_BASED, policy(4, EXPONENTIAL, ms(3000)),
                        List.of(3000L, 6000L, 12000L, 24000L)),
                arguments("MT without policy retries immediately", MT_CHANNEL_BASED, policy(3, null, ms(1000)),
                        List.of(0L, 0L, 0L)),
                arguments("MT without delay retries immediately", MT_CHANNEL_BASED, policy(3, EXPONENTIAL, null),
                        List.of(0L, 0L, 0L)),
                arguments("KB without policy and delay: exponential from 1000 ms", KAFKA, policy(3, null, null),
                        List.of(2000L, 4000L, 8000L)),
                arguments("KB linear without delay: 1000 ms steps", KAFKA, policy(3, LINEAR, null),
                        List.of(1000L, 2000L, 3000L)),
                arguments("KB zero delay retries immediately", KAFKA, policy(3, EXPONENTIAL, Duration.ZERO),
                        List.of(0L, 0L, 0L)),
                arguments("MT zero delay retries immediately", MT_CHANNEL_BASED, policy(3, EXPONENTIAL, Duration.ZERO),
                        List.of(0L, 0L, 0L)),
                arguments("MT negative delay waits 0", MT_CHANNEL_BASED, policy(2, EXPONENTIAL, ms(-1000)),
                        List.of(0L, 0L)),
                arguments("KB negative delay waits 0", KAFKA, policy(2, LINEAR, ms(-1000)),
                        List.of(0L, 0L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void waitBeforeEachRetry(String rule, BrokerClass cls, DeliveryPolicy p, List<Long> expectedMillis) {
        assertThat(waitsInMillis(p, cls)).containsExactlyElementsOf(expectedMillis);
    }

    @Test
    void channelBasedBrokerDefaultWaits204Point6SecondsOverItsTenRetries() {
        DeliveryPolicy p = DeliveryPolicies.effective(MT_CHANNEL_BASED, DeliveryPolicies.brokerDefault(), null);

        assertThat(waitsInMillis(p, MT_CHANNEL_BASED))
                .containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 51200L, 102400L);
    }

    @Test
    void kafkaBrokerDefaultWaits409Point2SecondsOverItsTenRetries() {
        DeliveryPolicy p = DeliveryPolicies.effective(KAFKA, DeliveryPolicies.brokerDefault(), null);

        assertThat(waitsInMillis(p, KAFKA))
                .containsExactly(400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 51200L, 102400L, 204800L);
    }

    @Test
    void subMillisecondDelaysAreExact() {
        DeliveryPolicy p = policy(3, EXPONENTIAL, Duration.ofNanos(1_500));

        assertThat(Backoff.beforeRetry(3, p, MT_CHANNEL_BASED)).isEqualTo(Duration.ofNanos(6_000));
        assertThat(Backoff.beforeRetry(3, p, KAFKA)).isEqualTo(Duration.ofNanos(12_000));
    }

    static Stream<Arguments> largeRetryNumbers() {
        Duration oneNano = Duration.ofNanos(1);
        return Stream.of(
                arguments("MT exponential 1 ns, retry 63: 2^62 ns, still exact", MT_CHANNEL_BASED,
                        policy(Integer.MAX_VALUE, EXPONENTIAL, oneNano), 63, Duration.ofNanos(1L << 62)),
                arguments("MT exponential 1 ns, retry 64: 2^63 ns saturates", MT_CHANNEL_BASED,
                        policy(Integer.MAX_VALUE, EXPONENTIAL, oneNano), 64, Backoff.MAX_WAIT),
                arguments("KB exponential 1 ns, retry 62: 2^62 ns, still exact", KAFKA,
                        policy(Integer.MAX_VALUE, EXPONENTIAL, oneNano), 62, Duration.ofNanos(1L << 62)),
                arguments("KB exponential 1 ns, retry 63: saturates", KAFKA,
                        policy(Integer.MAX_VALUE, EXPONENTIAL, oneNano), 63, Backoff.MAX_WAIT),
                arguments("MT exponential PT0.2S, retry 2^31-1: saturates", MT_CHANNEL_BASED,
                        policy(Integer.MAX_VALUE, EXPONENTIAL, ms(200)), Integer.MAX_VALUE, Backoff.MAX_WAIT),
                arguments("KB exponential PT0.2S, retry 36: 0.2 s·2^36 overflows nanoseconds, saturates", KAFKA,
                        policy(100, EXPONENTIAL, ms(200)), 36, Backoff.MAX_WAIT),
                arguments("KB exponential PT0.2S, retry 35: exact", KAFKA,
                        policy(100, EXPONENTIAL, ms(200)), 35, Duration.ofMillis(200L << 35)),
                arguments("MT linear PT1S, retry 2^31-1: exact", MT_CHANNEL_BASED,
                        policy(Integer.MAX_VALUE, LINEAR, ms(1000)), Integer.MAX_VALUE,
                        Duration.ofSeconds(Integer.MAX_VALUE - 1L)),
                arguments("KB linear P1000D, retry 2^31-1: saturates", KAFKA,
                        policy(Integer.MAX_VALUE, LINEAR, Duration.ofDays(1000)), Integer.MAX_VALUE,
                        Backoff.MAX_WAIT),
                arguments("MT linear with a delay beyond 292 years saturates", MT_CHANNEL_BASED,
                        policy(2, LINEAR, Duration.ofDays(365L * 1000)), 2, Backoff.MAX_WAIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeRetryNumbers")
    void largeRetryNumbersSaturateInsteadOfOverflowing(String rule, BrokerClass cls, DeliveryPolicy p, int k,
            Duration expected) {
        assertThat(Backoff.beforeRetry(k, p, cls)).isEqualTo(expected);
    }

    @Test
    void maxWaitIsGosLargestDuration() {
        assertThat(Backoff.MAX_WAIT).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                arguments(MT_CHANNEL_BASED, 0, 3),
                arguments(KAFKA, 0, 3),
                arguments(MT_CHANNEL_BASED, -1, 3),
                arguments(MT_CHANNEL_BASED, 4, 3),
                arguments(KAFKA, 1, 0));
    }

    @ParameterizedTest(name = "{0}: retry number {1} with retry {2}")
    @MethodSource("outOfRange")
    void retryNumberMustBeBetweenOneAndRetry(BrokerClass cls, int k, int retry) {
        DeliveryPolicy p = policy(retry, EXPONENTIAL, ms(200));

        assertThatThrownBy(() -> Backoff.beforeRetry(k, p, cls)).isInstanceOf(IllegalArgumentException.class);
    }
}
