package dev.sfsync.catalog;

import java.util.List;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the job catalog at startup and registers its jobs. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	JobCatalog jobCatalog(CatalogProperties properties) {
		return new JobCatalogLoader().load(properties.location());
	}

	@Bean
	SyncJobRegistrar syncJobRegistrar(JobCatalog catalog, List<SyncJobFactory> factories, JobRegistry registry) {
		return new SyncJobRegistrar(catalog, factories, registry);
	}

	@Bean
	SmartInitializingSingleton syncJobRegistration(SyncJobRegistrar registrar) {
		return registrar::registerAll;
	}

}
