package dev.sfsync.activity;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.sfsync.operations.RunFailureListener;
import dev.sfsync.syncstate.RunRecords;
import dev.sfsync.syncstate.RunRecords.ExpiredRun;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code activity-retention} job: deletes record outcomes, then whole runs (job
 * executions with their steps, contexts, parameters and counters), then spans of polls,
 * that ended before the retention cutoff, a page at a time in id order, each page a
 * transaction of its own. It keeps every run that is still going and the latest run and
 * the latest completed run of each job for each connection, because the scheduler reads
 * the last window and whether a backfill completed from them. Ids increase with time, so
 * the highest expired id is looked up once and each page is a primary-key range below it:
 * the cost of a page does not grow with the history kept. A failed run restarts from its
 * last committed page.
 */
@Configuration(proxyBeanMethods = false)
class ActivityRetentionJobConfiguration {

	static final String JOB_NAME = "activity-retention";

	@Bean
	RetentionParameters retentionParameters(Clock clock) {
		return new RetentionParameters(clock);
	}

	@Bean
	Job activityRetentionJob(JobRepository repository, RetentionParameters parameters, RunFailureListener failures,
			Step purgeRecordOutcomes, Step purgeJobExecutions, Step purgePolls, Step purgeUnwritten,
			Step purgeApiCalls) {
		return new JobBuilder(JOB_NAME, repository).validator(parameters)
			.listener(failures)
			.start(purgeRecordOutcomes)
			.next(purgeJobExecutions)
			.next(purgePolls)
			.next(purgeUnwritten)
			.next(purgeApiCalls)
			.build();
	}

	/**
	 * Deletes the records runs did not write whose state last changed before the cutoff
	 * and that wait for nothing: synced later, skipped or failed for good, or waited in
	 * vain. A range of the {@code updated_at} index, a page per transaction. A record
	 * still waiting stays, and one whose skip is deleted is only counted again if it is
	 * read again unchanged, which the overlap does within minutes, not months.
	 */
	@Bean
	Step purgeUnwritten(JobRepository repository, PlatformTransactionManager transactionManager,
			NamedParameterJdbcTemplate jdbc, ActivityProperties properties) {
		return pagedPurge("purge-unwritten",
				"DELETE FROM sync_unwritten WHERE updated_at < :cutoff"
						+ " AND state <> 'WAITING' ORDER BY updated_at LIMIT :limit",
				repository, transactionManager, jdbc, properties);
	}

	/**
	 * Deletes the spans of polls whose last poll was before the cutoff: a range of the
	 * {@code last_poll_at} index, a page per transaction. A span still being extended is
	 * newer than the cutoff, so the current high-water mark's span stays.
	 */
	@Bean
	Step purgePolls(JobRepository repository, PlatformTransactionManager transactionManager,
			NamedParameterJdbcTemplate jdbc, ActivityProperties properties) {
		return pagedPurge("purge-polls",
				"DELETE FROM sync_poll WHERE last_poll_at < :cutoff ORDER BY last_poll_at LIMIT :limit", repository,
				transactionManager, jdbc, properties);
	}

	/**
	 * Deletes the API call counts of hours before the cutoff: a range of the {@code hour}
	 * index, a page per transaction.
	 */
	@Bean
	Step purgeApiCalls(JobRepository repository, PlatformTransactionManager transactionManager,
			NamedParameterJdbcTemplate jdbc, ActivityProperties properties) {
		return pagedPurge("purge-api-calls",
				"DELETE FROM sync_api_calls WHERE hour < :cutoff ORDER BY hour LIMIT :limit", repository,
				transactionManager, jdbc, properties);
	}

	/**
	 * A step that runs a {@code DELETE … WHERE <time> < :cutoff … LIMIT :limit} a page
	 * per transaction until a page comes back short.
	 */
	private static Step pagedPurge(String name, String delete, JobRepository repository,
			PlatformTransactionManager transactionManager, NamedParameterJdbcTemplate jdbc,
			ActivityProperties properties) {
		return new StepBuilder(name, repository).tasklet((contribution, context) -> {
			String runDate = contribution.getStepExecution().getJobParameters().getString("runDate");
			LocalDateTime cutoff = RetentionParameters.cutoff(runDate, properties);
			int deleted = jdbc.update(delete, Map.of("cutoff", cutoff, "limit", properties.retentionChunkSize()));
			contribution.incrementWriteCount(deleted);
			return RepeatStatus.continueIf(deleted == properties.retentionChunkSize());
		}, transactionManager).build();
	}

	@Bean
	Step purgeRecordOutcomes(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<Long> expiredOutcomeReader, NamedParameterJdbcTemplate jdbc,
			ActivityProperties properties) {
		return new StepBuilder("purge-record-outcomes", repository).<Long, Long>chunk(properties.retentionChunkSize())
			.transactionManager(transactionManager)
			.reader(expiredOutcomeReader)
			.writer((chunk) -> jdbc.update("DELETE FROM sync_record_outcome_log WHERE id IN (:ids)",
					Map.of("ids", chunk.getItems())))
			.build();
	}

	@Bean
	Step purgeJobExecutions(JobRepository repository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<ExpiredRun> expiredRunReader, NamedParameterJdbcTemplate jdbc, RunRecords records,
			ActivityProperties properties) {
		return new StepBuilder("purge-job-executions", repository)
			.<ExpiredRun, ExpiredRun>chunk(properties.retentionChunkSize())
			.transactionManager(transactionManager)
			.reader(expiredRunReader)
			.writer((chunk) -> deleteRuns(jdbc, records, List.copyOf(chunk.getItems())))
			.build();
	}

	/**
	 * Expired outcome rows in id order, up to the highest expired id found once by the
	 * {@code created_at} index, so that each page is a primary-key range that stops at
	 * the last expired row instead of reading on through the rows that are kept. The
	 * primary key is forced (here and for runs) so that a plan can never become a range
	 * of the time index that sorts every expired row for each page.
	 */
	@Bean
	@StepScope
	JdbcPagingItemReader<Long> expiredOutcomeReader(DataSource dataSource, NamedParameterJdbcTemplate jdbc,
			ActivityProperties properties, @Value("#{jobParameters['runDate']}") String runDate) throws Exception {
		LocalDateTime cutoff = RetentionParameters.cutoff(runDate, properties);
		long highest = highest(jdbc, "SELECT MAX(id) FROM sync_record_outcome_log WHERE created_at < :cutoff", cutoff);
		return new JdbcPagingItemReaderBuilder<Long>().name("expiredOutcomeReader")
			.dataSource(dataSource)
			.selectClause("SELECT id")
			.fromClause("FROM sync_record_outcome_log FORCE INDEX (PRIMARY)")
			.whereClause("WHERE id <= :highest AND created_at < :cutoff")
			.parameterValues(Map.of("cutoff", cutoff, "highest", highest))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper((rs, row) -> rs.getLong(1))
			.pageSize(properties.retentionChunkSize())
			.build();
	}

	/**
	 * Finished runs that ended before the cutoff, except the latest run and the latest
	 * completed run of each job for each connection ({@link RunRecords#expiredRuns}).
	 */
	@Bean
	@StepScope
	JdbcPagingItemReader<ExpiredRun> expiredRunReader(RunRecords records, ActivityProperties properties,
			@Value("#{jobParameters['runDate']}") String runDate) throws Exception {
		LocalDateTime cutoff = RetentionParameters.cutoff(runDate, properties);
		return records.expiredRuns("expiredRunReader", cutoff, records.lastEndedBefore(cutoff),
				properties.retentionChunkSize());
	}

	/**
	 * The highest expired id, or 0 when nothing expired, so that the reader reads none.
	 */
	private static long highest(NamedParameterJdbcTemplate jdbc, String sql, LocalDateTime cutoff) {
		Long highest = jdbc.queryForObject(sql, Map.of("cutoff", cutoff), Long.class);
		return (highest != null) ? highest : 0;
	}

	/**
	 * Deletes the runs' records, step counters and summaries, then the runs themselves
	 * ({@link RunRecords#delete}). Every statement is a lookup by key: the step ids are
	 * read first, since a DELETE with an IN subquery is not turned into a join on MariaDB
	 * 10.11.
	 */
	private static void deleteRuns(NamedParameterJdbcTemplate jdbc, RunRecords records, List<ExpiredRun> runs) {
		Map<String, Object> ids = Map.of("executions", runs.stream().map(ExpiredRun::jobExecutionId).toList());
		List<Long> steps = records.steps(runs.stream().map(ExpiredRun::jobExecutionId).toList());
		jdbc.update("DELETE FROM sync_record_outcome_log WHERE job_execution_id IN (:executions)", ids);
		if (!steps.isEmpty()) {
			jdbc.update("DELETE FROM sync_step_counts WHERE step_execution_id IN (:steps)", Map.of("steps", steps));
		}
		jdbc.update("DELETE FROM sync_run WHERE job_execution_id IN (:executions)", ids);
		records.delete(runs, steps);
	}

}
