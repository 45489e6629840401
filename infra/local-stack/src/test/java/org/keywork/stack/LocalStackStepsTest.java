package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackStepsTest {

    @Test
    void theBrokerAndTheStoreStartFirstThenEveryServiceAndTheGatewayTogether() {
        assertThat(LocalStack.steps(Part.ALL)).containsExactly(List.of(Part.KAFKA, Part.MONGO),
                List.of(Part.GOAL, Part.PROJECT, Part.PROGRESS, Part.NOTIFICATION, Part.GATEWAY));
    }

    @Test
    void aSubsetKeepsItsOrderAndHasNoEmptyStep() {
        assertThat(LocalStack.steps(List.of(Part.PROGRESS))).containsExactly(List.of(Part.PROGRESS));
        assertThat(LocalStack.steps(Part.INFRASTRUCTURE)).containsExactly(List.of(Part.KAFKA, Part.MONGO));
        assertThat(LocalStack.steps(List.of(Part.KAFKA, Part.MONGO, Part.GOAL, Part.GATEWAY)))
                .containsExactly(List.of(Part.KAFKA, Part.MONGO), List.of(Part.GOAL, Part.GATEWAY));
    }
}
