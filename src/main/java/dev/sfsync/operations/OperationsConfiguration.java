package dev.sfsync.operations;

import java.time.Clock;
import java.util.List;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.syncstate.RunClaims;
import dev.sfsync.syncstate.RunRecords;
import dev.sfsync.syncstate.SyncStates;
import dev.sfsync.tenancy.AuditLog;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator-facing pieces shared by every job: failure causes, the run command, the
 * operator service and the supervision of this process's runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
class OperationsConfiguration {

	/**
	 * The registry of every launchable job: the Job beans (registered by the registry
	 * itself) and the sync jobs built from the catalog. The job operator restarts runs
	 * through it.
	 */
	@Bean
	MapJobRegistry jobRegistry() {
		return new MapJobRegistry();
	}

	/** The job repository's single writes and reads join the chunk's transaction. */
	@Bean
	static JobRepositoryTransactions jobRepositoryTransactions() {
		return new JobRepositoryTransactions();
	}

	/** A run's own record of its status is made again when a stop request met it. */
	@Bean
	static RunEndRetries runEndRetries() {
		return new RunEndRetries();
	}

	@Bean
	RunOwners runOwners(JdbcTemplate jdbc, RunRecords records) {
		return new RunOwners(jdbc, records);
	}

	@Bean
	RunClaims runClaims(JdbcTemplate jdbc, RunOwners owners) {
		return new RunClaims(jdbc, owners.instanceId());
	}

	@Bean
	RunRecovery runRecovery(JobRepository repository, RunOwners owners, SyncStates states, AuditLog audit,
			OperationsProperties properties) {
		// The end time the job repository records, as Spring Batch writes it: the
		// process's local time.
		return new RunRecovery(Clock.systemDefaultZone(), repository, owners, states, audit, properties.staleAfter());
	}

	@Bean
	LaunchClaims launchClaims(RunClaims claims, SyncStates states, RunRecovery recovery, RunOwners owners,
			OperationsProperties properties) {
		return new LaunchClaims(claims, states, recovery, owners, properties.staleAfter());
	}

	@Bean
	RunFailureListener runFailureListener(RunOwners owners, LaunchClaims claims, JobRepository repository) {
		return new RunFailureListener(owners, claims, repository);
	}

	@Bean
	OverlappingRuns overlappingRuns(RunRecords records) {
		return new OverlappingRuns(records);
	}

	@Bean
	RunCommand runCommand(JobRegistry registry, JobOperator operator, JobRepository repository, JobCatalog catalog,
			List<JobParametersDefaults> defaults, List<ScheduledPolls> polls, OverlappingRuns overlapping,
			LaunchClaims claims) {
		return new RunCommand(registry, operator, repository, catalog, defaults, polls, overlapping, claims);
	}

	@Bean
	OperatorService operatorService(JobRepository repository, JobRegistry registry, JobCatalog catalog,
			JobOperator operator, List<JobParametersDefaults> defaults, RunOwners owners, JdbcTemplate jdbc,
			AuditLog audit, SyncStates states, OverlappingRuns overlapping, LaunchClaims claims, RunRecovery recovery,
			OperationsProperties properties) throws Exception {
		// Operators' starts and restarts run in the background: the request returns the
		// run's id at once.
		TaskExecutorJobOperator launcher = new TaskExecutorJobOperator();
		launcher.setJobRepository(repository);
		launcher.setJobRegistry(registry);
		launcher.setTaskExecutor(new SimpleAsyncTaskExecutor("sfsync-operator-"));
		launcher.afterPropertiesSet();
		return new OperatorService(repository, registry, catalog, launcher, operator, defaults, owners, audit, jdbc,
				states, overlapping, claims, recovery, properties.staleAfter());
	}

	@Bean
	RunSupervisor runSupervisor(RunOwners owners, LaunchClaims claims, OperatorService operations,
			JobRepository repository, OperationsProperties properties) {
		return new RunSupervisor(owners, claims, operations, repository, properties);
	}

	@Bean
	RunsCommand runsCommand(OperatorService operations, RunOwners owners) {
		return new RunsCommand(operations, owners);
	}

}
