package dev.sfsync.operations;

import java.util.List;

import dev.sfsync.catalog.JobCatalog;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operator-facing pieces shared by every job: failure causes and the run command. */
@Configuration(proxyBeanMethods = false)
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

	@Bean
	RunFailureListener runFailureListener() {
		return new RunFailureListener();
	}

	@Bean
	RunCommand runCommand(JobRegistry registry, JobOperator operator, JobRepository repository, JobCatalog catalog,
			List<JobParametersDefaults> defaults) {
		return new RunCommand(registry, operator, repository, catalog, defaults);
	}

}
