package dev.sfsync.operations;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OperationsPropertiesTests {

	@Test
	void aProcessIsStaleOnlyAfterMissingSeveralHeartbeats() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new OperationsProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(100)))
			.withMessageContaining("sfsync.operations.stale-after");
		assertThat(new OperationsProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(100))
			.staleAfter()).hasSeconds(30);
	}

	@Test
	void aRestartedRunsExitCodeFollowsItsStatusAndCause() {
		assertThat(RunExitCode.ofStatus("COMPLETED", "COMPLETED")).isEqualTo(RunExitCode.COMPLETED);
		assertThat(RunExitCode.ofStatus("STOPPED", "STOPPED")).isEqualTo(RunExitCode.STOPPED);
		assertThat(RunExitCode.ofStatus("FAILED", "AUTHENTICATION_FAILURE"))
			.isEqualTo(RunExitCode.AUTHENTICATION_FAILURE);
		assertThat(RunExitCode.ofStatus("ABANDONED", "ABANDONED")).isEqualTo(RunExitCode.NOT_RESTARTABLE);
	}

}
