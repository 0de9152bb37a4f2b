package dev.sfsync.inbound;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class InboundJobTests {

	private final JobInstance instance = new JobInstance(1L, "contact-inbound");

	@Test
	void aFirstExecutionIsNotARestartAndMarksItsContext() {
		JobExecution first = new JobExecution(1L, this.instance, new JobParameters());

		assertThat(InboundJob.restarted(first)).isFalse();
		assertThat(first.getExecutionContext().containsKey(InboundJob.STARTED)).isTrue();
	}

	@Test
	void anExecutionStartedFromAnEarlierOnesSavedContextIsARestart() {
		JobExecution first = new JobExecution(1L, this.instance, new JobParameters());
		InboundJob.restarted(first);
		// Spring Batch starts a restart from the context the last execution saved.
		JobExecution restart = new JobExecution(2L, this.instance, new JobParameters());
		restart.setExecutionContext(new ExecutionContext(first.getExecutionContext()));

		assertThat(InboundJob.restarted(restart)).isTrue();
	}

}
