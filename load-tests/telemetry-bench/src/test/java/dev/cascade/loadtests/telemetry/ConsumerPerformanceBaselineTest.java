package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class ConsumerPerformanceBaselineTest {

    /**
     * Captured from kafka-tools 4.1.1's ConsumerPerformance (stdout, defaults, {@code --messages 20000}) run by this
     * bench against LocalKafka, 2026-11-24.
     */
    private static final String CAPTURED = """
            start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
            2026-11-24 03:39:52:897, 2026-11-24 03:39:53:365, 8.3675, 17.8793, 20000, 42735.0427, 327, 141, 59.3441, 141843.9716
            """;

    /** The tool's default --date-format. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss:SSS");

    @Test
    void readsEveryColumnOfTheCapturedLineByItsHeaderName() {
        ConsumerPerformanceBaseline.Result result = ConsumerPerformanceBaseline.parse(CAPTURED);

        assertThat(result).isEqualTo(new ConsumerPerformanceBaseline.Result("2026-11-24 03:39:52:897",
                "2026-11-24 03:39:53:365", 8.3675, 17.8793, 20_000, 42_735.0427, 327, 141, 59.3441, 141_843.9716));
    }

    @Test
    void nMsgSecCountsTheWholeSpanWithTheJoinAndFetchNMsgSecLeavesTheJoinOut() {
        ConsumerPerformanceBaseline.Result result = ConsumerPerformanceBaseline.parse(CAPTURED);
        long spanMillis = Duration.between(LocalDateTime.parse(result.startTime(), DATE),
                LocalDateTime.parse(result.endTime(), DATE)).toMillis();

        assertThat(result.rebalanceMillis() + result.fetchMillis()).isEqualTo(spanMillis);
        assertThat(result.recordsPerSecond()).isCloseTo(result.records() / (spanMillis / 1000.0), within(0.001));
        assertThat(result.fetchRecordsPerSecond())
                .isCloseTo(result.records() / (result.fetchMillis() / 1000.0), within(0.001));
    }

    @Test
    void skipsTheTimeoutWarningThatComesBetweenHeaderAndResult() {
        // The warning is 4.1.1's text; the tool prints it before the result line when --timeout ran out.
        String output = CAPTURED.replace("\n2026", "\nWARNING: Exiting before consuming the expected number of messages: "
                + "timeout (10000 ms) exceeded. You can use the --timeout option to increase the timeout.\n2026");

        assertThat(ConsumerPerformanceBaseline.parse(output).records()).isEqualTo(20_000);
    }

    @Test
    void outputWithoutTheHeaderIsAFailureThatQuotesIt() {
        assertThatThrownBy(() -> ConsumerPerformanceBaseline.parse("Exception in thread main"))
                .isInstanceOf(BenchFailure.class)
                .hasMessageContaining("no ConsumerPerformance header")
                .hasMessageContaining("Exception in thread main");
    }

    @Test
    void aRenamedColumnIsNamedInTheFailure() {
        String renamed = CAPTURED.replace("fetch.nMsg.sec", "fetch.records.sec");

        assertThatThrownBy(() -> ConsumerPerformanceBaseline.parse(renamed))
                .isInstanceOf(BenchFailure.class)
                .hasMessageContaining("no column fetch.nMsg.sec");
    }

    @Test
    void aHeaderWithoutItsResultLineIsAFailure() {
        String headerOnly = CAPTURED.lines().findFirst().orElseThrow();

        assertThatThrownBy(() -> ConsumerPerformanceBaseline.parse(headerOnly))
                .isInstanceOf(BenchFailure.class)
                .hasMessageContaining("no line of 10 columns");
    }
}
