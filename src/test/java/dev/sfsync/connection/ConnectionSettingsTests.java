package dev.sfsync.connection;

import java.util.Map;

import dev.sfsync.connection.ConnectionSettings.WriteMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection settings are built one named setting at a time, each copy leaving the others
 * as they were.
 */
class ConnectionSettingsTests {

	@Test
	void eachSettingIsNamedAndLeavesTheOthersAsTheyWere() {
		ConnectionSettings settings = ConnectionSettings.DEFAULTS.withWriteMode("contact", WriteMode.UPDATE_ONLY)
			.withOutboundWrites("task", false)
			.withFieldOverride("contact", "Nickname__c", "title")
			.withFieldOverride("contact", "Department", "department")
			.withSyncRule("lead", "LeadSource = 'Do Not Sync'")
			.withSchedule("account", "0 */2 * * * ?")
			.withSchedule("account" + ConnectionSettings.RECONCILE, ConnectionSettings.NEVER)
			.withRequireAccount(true);
		assertThat(settings).isEqualTo(new ConnectionSettings(Map.of("contact", WriteMode.UPDATE_ONLY),
				Map.of("task", false), Map.of("contact", Map.of("Nickname__c", "title", "Department", "department")),
				Map.of("lead", "LeadSource = 'Do Not Sync'"),
				Map.of("account", "0 */2 * * * ?", "account-reconcile", "never"), true));
		assertThat(settings.writeMode("contact")).isEqualTo(WriteMode.UPDATE_ONLY);
		assertThat(settings.writeMode("lead")).isEqualTo(WriteMode.CREATE_AND_UPDATE);
		assertThat(settings.writesOutbound("task")).isFalse();
		assertThat(ConnectionSettings.DEFAULTS.withRequireAccount(false)).isEqualTo(ConnectionSettings.DEFAULTS);
	}

}
