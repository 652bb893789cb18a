package dev.cascade.devmesh.delivery;

import static dev.cascade.devmesh.delivery.RetryDecision.Outcome.FAIL;
import static dev.cascade.devmesh.delivery.RetryDecision.Outcome.RETRY;
import static dev.cascade.devmesh.delivery.RetryDecision.Outcome.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryDecisionTest {

    @ParameterizedTest(name = "{0} is success")
    @ValueSource(ints = {200, 201, 202, 203, 204, 206, 299})
    void twoHundredsAreSuccess(int status) {
        assertThat(RetryDecision.ofStatus(status)).isEqualTo(SUCCESS);
    }

    @ParameterizedTest(name = "{0} is retried")
    @ValueSource(ints = {500, 501, 502, 503, 504, 507, 599})
    void fiveHundredsAreRetried(int status) {
        assertThat(RetryDecision.ofStatus(status)).isEqualTo(RETRY);
    }

    @ParameterizedTest(name = "{0} is retried")
    @ValueSource(ints = {404, 408, 409, 429})
    void notFoundTimeoutConflictAndTooManyRequestsAreRetried(int status) {
        assertThat(RetryDecision.ofStatus(status)).isEqualTo(RETRY);
    }

    @ParameterizedTest(name = "{0} is retried like a 5xx (upstream tests >= 500)")
    @ValueSource(ints = {600, 999})
    void codesAboveFiveHundredsAreRetried(int status) {
        assertThat(RetryDecision.ofStatus(status)).isEqualTo(RETRY);
    }

    @ParameterizedTest(name = "{0} fails without retry")
    @ValueSource(ints = {400, 401, 402, 403, 405, 406, 407, 410, 411, 412, 413, 414, 415, 418, 421, 422, 425, 428,
        431, 451, 499})
    void otherFourHundredsFailWithoutRetry(int status) {
        assertThat(RetryDecision.ofStatus(status)).isEqualTo(FAIL);
    }

    @ParameterizedTest(name = "{0} fails without retry")
    @ValueSource(ints = {300, 301, 302, 303, 304, 307, 308, 399})
    void redirectsFailWithoutRetry(int status) {
        assertThat(RetryDecision.ofStatus(status)).isEqualTo(FAIL);
    }

    @ParameterizedTest(name = "{0} fails without retry")
    @ValueSource(ints = {100, 101, 102, 103, 199})
    void informationalCodesFailWithoutRetry(int status) {
        assertThat(RetryDecision.ofStatus(status)).isEqualTo(FAIL);
    }

    @ParameterizedTest(name = "{0} is not an HTTP status")
    @ValueSource(ints = {-1, 0, 99, 1000})
    void numbersThatAreNoStatusAreRejected(int status) {
        assertThatThrownBy(() -> RetryDecision.ofStatus(status)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transportErrorsAndTimeoutsAreRetried() {
        assertThat(RetryDecision.ofTransportError()).isEqualTo(RETRY);
    }
}
