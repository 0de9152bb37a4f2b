package dev.sfsync.catalog;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SyncJobRegistrarTests {

	private final JobCatalog catalog = new JobCatalogLoader().load("file:jobs/");

	private final MapJobRegistry registry = new MapJobRegistry();

	@Test
	void registersOneJobPerObjectTypeAndDirectionNamedAsInTheArchitecture() {
		List<String> names = new SyncJobRegistrar(this.catalog, List.of(factory(Direction.INBOUND),
				factory(Direction.BACKFILL), factory(Direction.OUTBOUND), factory(Direction.RECONCILE)), this.registry)
			.registerAll();
		assertThat(this.registry.getJobNames()).containsExactlyInAnyOrderElementsOf(names)
			.contains("contact-inbound", "contact-backfill", "contact-outbound", "opportunity-contact-role-inbound",
					"opportunity-contact-role-backfill", "invoice__c-inbound", "invoice__c-backfill",
					"contact-reconcile", "user-reconcile")
			.doesNotContain("opportunity-outbound", "user-outbound");
		long expected = this.catalog.definitions().stream().mapToLong((d) -> d.directions().size()).sum();
		assertThat(names).hasSize((int) expected);
	}

	@Test
	void registersOnlyTheDirectionsThatHaveAFactory() {
		new SyncJobRegistrar(this.catalog, List.of(factory(Direction.OUTBOUND)), this.registry).registerAll();
		assertThat(this.registry.getJobNames()).allMatch((name) -> name.endsWith("-outbound"))
			.contains("lead-outbound");
	}

	@Test
	void aFactoryThatMisnamesItsJobStopsStartup() {
		SyncJobFactory misnaming = new SyncJobFactory() {

			@Override
			public Direction direction() {
				return Direction.INBOUND;
			}

			@Override
			public Job create(JobDefinition definition) {
				return new NamedJob(definition.name() + "-sync");
			}

		};
		assertThatIllegalStateException()
			.isThrownBy(() -> new SyncJobRegistrar(this.catalog, List.of(misnaming), this.registry).registerAll())
			.withMessageContaining("expected 'account-inbound'");
	}

	private static SyncJobFactory factory(Direction direction) {
		return new SyncJobFactory() {

			@Override
			public Direction direction() {
				return direction;
			}

			@Override
			public Job create(JobDefinition definition) {
				return new NamedJob(definition.jobName(direction));
			}

		};
	}

	/** A job that only has a name: the registrar never runs it. */
	record NamedJob(String name) implements Job {

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public void execute(JobExecution execution) {
			throw new UnsupportedOperationException("not run in these tests");
		}

	}

}
