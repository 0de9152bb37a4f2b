package dev.sfsync.operations;

import java.util.List;

import dev.sfsync.outcome.ClassifiedFailure;
import dev.sfsync.outcome.RunFailureCause;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

class RunFailureListenerTests {

	private final RunFailureListener listener = new RunFailureListener();

	@Test
	void aClassifiedFailureAnywhereInTheCauseChainGivesTheRunItsCauseAndExitCode() {
		JobExecution execution = failed(new IllegalStateException("step failed", new ApiLimit()));
		this.listener.afterJob(execution);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("API_LIMIT_EXCEEDED");
		assertThat(execution.getExitStatus().getExitDescription())
			.startsWith("API limit exceeded. Salesforce’s daily API limit has been reached. Wait for the limit"
					+ " to reset, and review your usage under Rate limits.")
			.contains("Detail: ApiLimit: REQUEST_LIMIT_EXCEEDED");
		assertThat(RunExitCode.of(execution)).isEqualTo(RunExitCode.API_LIMIT_EXCEEDED);
	}

	@Test
	void anUnclassifiedFailureIsAnUnknownErrorWithItsRootCause() {
		JobExecution execution = failed(new RuntimeException("wrapper", new java.sql.SQLException("gone away")));
		this.listener.afterJob(execution);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("UNKNOWN_ERROR");
		assertThat(execution.getExitStatus().getExitDescription()).endsWith("Detail: SQLException: gone away");
		assertThat(RunExitCode.of(execution).code()).isEqualTo(1);
	}

	@Test
	void aRunWhoseDatabaseWentAwayFailsAsDatabaseUnavailableWithItsOwnExitCode() {
		JobExecution execution = failed(new org.springframework.transaction.CannotCreateTransactionException(
				"Could not open JDBC Connection for transaction",
				new java.sql.SQLTransientConnectionException("Connection is not available, request timed out")));
		this.listener.afterJob(execution);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("DATABASE_UNAVAILABLE");
		assertThat(execution.getExitStatus().getExitDescription())
			.startsWith("Database unavailable. The database was unavailable; the run resumes automatically.");
		assertThat(RunExitCode.of(execution)).isEqualTo(RunExitCode.DATABASE_UNAVAILABLE);
		assertThat(RunExitCode.of(execution).code()).isEqualTo(11);
	}

	@Test
	void aDeadlockOrLockWaitThatOutlastedItsRetriesIsDatabaseBusyWithTheRealCause() {
		JobExecution execution = failed(
				new org.springframework.core.retry.RetryException("Retry policy exhausted",
						new org.springframework.dao.DeadlockLoserDataAccessException("PreparedStatementCallback",
								new java.sql.SQLTransactionRollbackException(
										"Deadlock found when trying to get lock; try restarting transaction", "40001",
										1213))));
		this.listener.afterJob(execution);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("DATABASE_BUSY");
		assertThat(execution.getExitStatus().getExitDescription()).startsWith("Database busy. ")
			.contains("Deadlock found when trying to get lock");
		assertThat(RunExitCode.of(execution).code()).isEqualTo(12);
		JobExecution lockWait = failed(new org.springframework.dao.CannotAcquireLockException("Lock wait timeout"));
		this.listener.afterJob(lockWait);
		assertThat(lockWait.getExitStatus().getExitCode()).isEqualTo("DATABASE_BUSY");
	}

	@Test
	void aRunSpringBatchLeftUnknownIsFailedWithItsStepsSoItCanBeRestarted() {
		JobExecution execution = execution();
		execution.setStatus(BatchStatus.UNKNOWN);
		StepExecution step = new StepExecution(1L, "pull-updates", execution);
		step.setStatus(BatchStatus.UNKNOWN);
		execution.addStepExecution(step);
		step.addFailureException(new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
				new java.sql.SQLNonTransientConnectionException("Connection closed")));
		this.listener.afterJob(execution);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("DATABASE_UNAVAILABLE");
		assertThat(RunExitCode.of(execution)).isEqualTo(RunExitCode.DATABASE_UNAVAILABLE);
	}

	@Test
	void theDetailIsTheFirstFailureOfTheFirstFailedStepNotTheFailureToCloseItsResources() {
		for (int attempt = 0; attempt < 20; attempt++) {
			JobExecution execution = execution();
			execution.setStatus(BatchStatus.FAILED);
			StepExecution step = new StepExecution(1L, "purge-record-outcomes", execution);
			execution.addStepExecution(step);
			step.addFailureException(new RuntimeException("reader", new java.sql.SQLException("no table")));
			step.addFailureException(new IllegalStateException("Failed to close 1 delegate(s)"));
			this.listener.afterJob(execution);
			assertThat(execution.getExitStatus().getExitDescription()).endsWith("Detail: SQLException: no table");
		}
	}

	@Test
	void aCompletedRunIsLeftAlone() {
		JobExecution execution = execution();
		execution.setStatus(BatchStatus.COMPLETED);
		execution.setExitStatus(ExitStatus.COMPLETED);
		this.listener.afterJob(execution);
		assertThat(execution.getExitStatus()).isEqualTo(ExitStatus.COMPLETED);
		assertThat(RunExitCode.of(execution).code()).isZero();
	}

	@Test
	void everyFailureCauseHasItsOwnNonZeroExitCode() {
		for (RunFailureCause cause : RunFailureCause.values()) {
			JobExecution execution = failed(new IllegalStateException());
			execution.setExitStatus(new ExitStatus(cause.name()));
			assertThat(RunExitCode.of(execution).name()).isEqualTo(cause.name());
			assertThat(RunExitCode.of(execution).code()).isNotZero();
		}
		assertThat(List.of(RunExitCode.values())).extracting(RunExitCode::code).doesNotHaveDuplicates();
		JobExecution stopped = execution();
		stopped.setStatus(BatchStatus.STOPPED);
		assertThat(RunExitCode.of(stopped)).isEqualTo(RunExitCode.STOPPED);
	}

	private static JobExecution failed(Throwable failure) {
		JobExecution execution = execution();
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED);
		execution.addFailureException(failure);
		return execution;
	}

	private static JobExecution execution() {
		return new JobExecution(1L, new JobInstance(1L, "contact-inbound"), new JobParameters());
	}

	static class ApiLimit extends RuntimeException implements ClassifiedFailure {

		ApiLimit() {
			super("REQUEST_LIMIT_EXCEEDED");
		}

		@Override
		public RunFailureCause runFailureCause() {
			return RunFailureCause.API_LIMIT_EXCEEDED;
		}

	}

}
