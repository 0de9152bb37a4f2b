package dev.sfsync.operations;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.sql.DataSource;

import dev.sfsync.syncstate.RunRecords;
import dev.sfsync.system.IntegrationTestSupport;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.dao.jdbc.JdbcJobExecutionDao;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A stop request that meets a run's record of its own end, on the real job repository
 * over the test database: a repository whose reads of an execution's version are
 * followed, once, by a stop request written before the run's update, the moment a
 * shutdown or an operator can hit.
 */
class RunEndRetriesIntegrationTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RunRecords records;

	@Test
	void aStopWrittenWhileARunRecordsItsEndLeavesTheRunStoppedWithItsEndAndItsListenersRun() throws Exception {
		AtomicBoolean asked = new AtomicBoolean();
		JobRepository repository = repository((execution) -> execution.getEndTime() != null
				&& asked.compareAndSet(false, true) && this.records.requestStop(execution.getId()));
		AtomicInteger afterJob = new AtomicInteger();

		JobExecution execution = launch(repository, "stop-meets-end", afterJob);

		assertThat(asked).isTrue();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
		assertThat(afterJob).hasValue(1);
		assertThat(this.jdbc.queryForMap("SELECT STATUS, END_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				execution.getId()))
			.containsEntry("STATUS", "STOPPED")
			.hasEntrySatisfying("END_TIME", (end) -> assertThat(end).isNotNull());
	}

	@Test
	void aStopWrittenWhileARunRecordsItsStartStopsItBeforeItsStep() throws Exception {
		AtomicBoolean asked = new AtomicBoolean();
		JobRepository repository = repository((execution) -> execution.getStatus() == BatchStatus.STARTED
				&& asked.compareAndSet(false, true) && this.records.requestStop(execution.getId()));
		AtomicInteger afterJob = new AtomicInteger();

		JobExecution execution = launch(repository, "stop-meets-start", afterJob);

		assertThat(asked).isTrue();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(execution.getStepExecutions()).isEmpty();
		assertThat(afterJob).hasValue(1);
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, execution.getId()))
			.isEqualTo("STOPPED");
	}

	@Test
	void anUpdateByAnotherThanTheRunMetByAConcurrentWriteStillFails() throws Exception {
		JobExecution ended = launch(repository((execution) -> false), "ended-before", new AtomicInteger());
		AtomicBoolean bumped = new AtomicBoolean();
		JobRepository repository = repository((execution) -> bumped.compareAndSet(false, true)
				&& this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET VERSION = VERSION + 1 WHERE JOB_EXECUTION_ID = ?",
						execution.getId()) == 1);
		JobExecution copy = repository.getJobExecution(ended.getId());
		copy.setStatus(BatchStatus.FAILED);

		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> repository.update(copy));
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, ended.getId()))
			.isEqualTo("COMPLETED");
	}

	@Test
	void aStopRequestLeavesARunThatHasEndedAsItEnded() throws Exception {
		JobExecution ended = launch(repository((execution) -> false), "ended-then-stopped", new AtomicInteger());

		assertThat(this.records.requestStop(ended.getId())).isFalse();

		assertThat(this.jdbc.queryForMap("SELECT STATUS, END_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				ended.getId()))
			.containsEntry("STATUS", "COMPLETED")
			.hasEntrySatisfying("END_TIME", (end) -> assertThat(end).isNotNull());
	}

	/** Runs a one-step job on the repository, in this thread, as sfsync's launches do. */
	private JobExecution launch(JobRepository repository, String name, AtomicInteger afterJob) throws Exception {
		Job job = new JobBuilder(name, repository).listener(new JobExecutionListener() {
			@Override
			public void afterJob(JobExecution execution) {
				afterJob.incrementAndGet();
			}
		})
			.start(new StepBuilder("work", repository)
				.tasklet((contribution, chunk) -> RepeatStatus.FINISHED, this.transactionManager)
				.build())
			.build();
		TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
		operator.setJobRepository(repository);
		operator.setJobRegistry(new MapJobRegistry());
		operator.afterPropertiesSet();
		return operator.start(job, new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters());
	}

	/**
	 * The job repository as sfsync's is post-processed, over a DAO that calls
	 * {@code between} after each read of an execution's version, before its write.
	 */
	private JobRepository repository(Predicate<JobExecution> between) throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean() {
			@Override
			protected JdbcJobExecutionDao createJobExecutionDao() {
				ProxyFactory proxy = new ProxyFactory(super.createJobExecutionDao());
				proxy.setProxyTargetClass(true);
				proxy.addAdvice((MethodInterceptor) (invocation) -> {
					Object result = invocation.proceed();
					if (invocation.getMethod().getName().equals("synchronizeStatus")) {
						between.test((JobExecution) invocation.getArguments()[0]);
					}
					return result;
				});
				return (JdbcJobExecutionDao) proxy.getProxy();
			}
		};
		factory.setDataSource(this.dataSource);
		factory.setTransactionManager(this.transactionManager);
		factory.afterPropertiesSet();
		Object repository = factory.getObject();
		repository = new JobRepositoryTransactions().postProcessAfterInitialization(repository, "jobRepository");
		return (JobRepository) new RunEndRetries().postProcessAfterInitialization(repository, "jobRepository");
	}

}
