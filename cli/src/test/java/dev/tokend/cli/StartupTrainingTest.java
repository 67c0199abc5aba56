package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The launcher's training run must keep exercising real commands, or the start-up cache would miss them. */
class StartupTrainingTest {
    @Test
    void everyTrainedCommandRunsAsExpectedAgainstTheStandInServer() throws IOException {
        assertThat(StartupTraining.run()).isZero();
    }
}
