package dev.sfsync.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sfsync.catalog.JobDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The job catalog a standalone emulator takes its custom objects from. */
class EmulatorJobCatalogTests {

	@TempDir
	Path jobs;

	@Test
	void withoutALocationItIsTheCatalogInTheJar() {
		assertThat(Emulator.jobCatalog().definitions()).extracting(JobDefinition::salesforceObject)
			.contains("Contact", "Invoice__c");
	}

	@Test
	void theCatalogsLocationOptionPointsElsewhere() throws IOException {
		Files.writeString(this.jobs.resolve("shipment__c.yaml"), """
				object: Shipment__c
				table: shipments
				schedule: "0 */5 * * * ?"
				fields:
				  Tracking__c: { column: tracking, direction: in }
				""");
		assertThat(Emulator.jobCatalog("--sfsync.catalog.location=" + this.jobs.toUri()).definitions())
			.extracting(JobDefinition::salesforceObject)
			.containsExactly("Shipment__c");
	}

	@Test
	void otherPropertiesOfSfsyncAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Emulator.jobCatalog("--sfsync.emulator.port=9000"))
			.withMessage("Unknown emulator option '--sfsync.emulator.port=9000': of sfsync's properties, the emulator"
					+ " reads only --sfsync.catalog.location=….");
	}

}
