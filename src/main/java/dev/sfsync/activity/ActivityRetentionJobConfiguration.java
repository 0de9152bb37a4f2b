package dev.sfsync.activity;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.sfsync.operations.RunFailureListener;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code activity-retention} job: deletes record outcomes, then whole runs (job
 * executions with their steps, contexts, parameters and counters) that ended before the
 * retention cutoff, in small chunks. It keeps every run that is still going and the
 * latest run of each job for each connection, because the scheduler reads the last window
 * and whether a backfill completed from them.
 */
@Configuration(proxyBeanMethods = false)
class ActivityRetentionJobConfiguration {

	static final String JOB_NAME = "activity-retention";

	@Bean
	RetentionParameters retentionParameters() {
		return new RetentionParameters(Clock.systemUTC());
	}

	@Bean
	Job activityRetentionJob(JobRepository repository, RetentionParameters parameters, RunFailureListener failures,
			Step purgeRecordOutcomes, Step purgeJobExecutions) {
		return new JobBuilder(JOB_NAME, repository).validator(parameters)
			.listener(failures)
			.start(purgeRecordOutcomes)
			.next(purgeJobExecutions)
			.build();
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
			JdbcPagingItemReader<ExpiredRun> expiredRunReader, NamedParameterJdbcTemplate jdbc,
			ActivityProperties properties) {
		return new StepBuilder("purge-job-executions", repository)
			.<ExpiredRun, ExpiredRun>chunk(properties.retentionChunkSize())
			.transactionManager(transactionManager)
			.reader(expiredRunReader)
			.writer((chunk) -> deleteRuns(jdbc, chunk.getItems()))
			.build();
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<Long> expiredOutcomeReader(DataSource dataSource, ActivityProperties properties,
			@Value("#{jobParameters['runDate']}") String runDate) throws Exception {
		return new JdbcPagingItemReaderBuilder<Long>().name("expiredOutcomeReader")
			.dataSource(dataSource)
			.selectClause("SELECT id")
			.fromClause("FROM sync_record_outcome_log")
			.whereClause("WHERE created_at < :cutoff")
			.parameterValues(Map.of("cutoff", RetentionParameters.cutoff(runDate, properties)))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper((rs, row) -> rs.getLong(1))
			.pageSize(properties.retentionChunkSize())
			.build();
	}

	/**
	 * Finished runs that ended before the cutoff, except the latest run and the latest
	 * completed run of each job for each connection.
	 */
	@Bean
	@StepScope
	JdbcPagingItemReader<ExpiredRun> expiredRunReader(DataSource dataSource, ActivityProperties properties,
			@Value("#{jobParameters['runDate']}") String runDate) throws Exception {
		String kept = """
				SELECT MAX(k.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION k
				JOIN BATCH_JOB_INSTANCE ki ON ki.JOB_INSTANCE_ID = k.JOB_INSTANCE_ID
				LEFT JOIN BATCH_JOB_EXECUTION_PARAMS kp ON kp.JOB_EXECUTION_ID = k.JOB_EXECUTION_ID
					AND kp.PARAMETER_NAME = 'connection'
				WHERE k.STATUS IN (%s)
				GROUP BY ki.JOB_NAME, kp.PARAMETER_VALUE""";
		return new JdbcPagingItemReaderBuilder<ExpiredRun>().name("expiredRunReader")
			.dataSource(dataSource)
			.selectClause("SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID")
			.fromClause("FROM BATCH_JOB_EXECUTION e")
			.whereClause("WHERE e.END_TIME < :cutoff AND e.STATUS IN ('COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED')"
					+ " AND e.JOB_EXECUTION_ID NOT IN (SELECT * FROM (" + kept.formatted("'COMPLETED'")
					+ ") latest_completed)" + " AND e.JOB_EXECUTION_ID NOT IN (SELECT * FROM ("
					+ kept.formatted(
							"'COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED', 'STARTING', 'STARTED', 'STOPPING', 'UNKNOWN'")
					+ ") latest)")
			.parameterValues(Map.of("cutoff", RetentionParameters.cutoff(runDate, properties)))
			.sortKeys(Map.of("JOB_EXECUTION_ID", Order.ASCENDING))
			.rowMapper((rs, row) -> new ExpiredRun(rs.getLong(1), rs.getLong(2)))
			.pageSize(properties.retentionChunkSize())
			.build();
	}

	/**
	 * Deletes the runs' child rows first, then the job instances they leave without
	 * executions.
	 */
	private static void deleteRuns(NamedParameterJdbcTemplate jdbc, List<? extends ExpiredRun> runs) {
		Map<String, Object> ids = Map.of("executions", runs.stream().map(ExpiredRun::jobExecutionId).toList(),
				"instances", runs.stream().map(ExpiredRun::jobInstanceId).distinct().toList());
		String steps = "SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (:executions)";
		jdbc.update("DELETE FROM sync_record_outcome_log WHERE job_execution_id IN (:executions)", ids);
		jdbc.update("DELETE FROM sync_step_counts WHERE step_execution_id IN (" + steps + ")", ids);
		jdbc.update("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (" + steps + ")", ids);
		jdbc.update("DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (:executions)", ids);
		jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (:executions)", ids);
		jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (:executions)", ids);
		jdbc.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID IN (:executions)", ids);
		jdbc.update("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID IN (:instances) AND NOT EXISTS"
				+ " (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = BATCH_JOB_INSTANCE.JOB_INSTANCE_ID)",
				ids);
	}

	/** A run to delete. */
	record ExpiredRun(long jobExecutionId, long jobInstanceId) {
	}

}
