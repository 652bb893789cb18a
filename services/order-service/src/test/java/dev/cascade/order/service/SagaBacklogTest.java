package dev.cascade.order.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.cascade.functions.Overloaded;

class SagaBacklogTest {

    @Test
    void admitsUpToTheLimitThenRefusesUntilTheCountDrops() {
        SagaBacklog backlog = new SagaBacklog(2);
        backlog.admit();
        backlog.admit();

        assertThatThrownBy(backlog::admit).isInstanceOf(Overloaded.class).hasMessageContaining("at most 2");
        assertThat(backlog.open()).isEqualTo(2);

        backlog.counted(1); // a saga finished, as the next count from the database says
        backlog.admit();
        assertThat(backlog.open()).isEqualTo(2);
    }

    @Test
    void aBurstBetweenTwoCountsIsSeenAtOnce() {
        SagaBacklog backlog = new SagaBacklog(3);
        backlog.counted(0);
        for (int i = 0; i < 3; i++) {
            backlog.admit();
        }
        assertThatThrownBy(backlog::admit).isInstanceOf(Overloaded.class);
    }
}
