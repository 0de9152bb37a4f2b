package dev.sfsync.connection;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A connection's sync settings, per Salesforce object (keys are object type names such as
 * {@code contact}).
 *
 * @param writeModes how inbound records may change the app: create-only, update-only or
 * both
 * @param outboundWrites whether app changes are written to Salesforce, per object
 * @param fieldOverrides field mapping overrides: Salesforce field to app column, per
 * object
 * @param syncRules a SOQL condition, per object, for records that must not sync ("Do not
 * sync")
 * @param schedules the inbound cron, per object, instead of the job definition's; and
 * under {@code {object}-reconcile}, the object's reconcile cron instead of a weekly one,
 * or {@code never}
 * @param requireAccount whether contacts without an account are skipped
 */
public record ConnectionSettings(@Nullable Map<String, WriteMode> writeModes,
		@Nullable Map<String, Boolean> outboundWrites, @Nullable Map<String, Map<String, String>> fieldOverrides,
		@Nullable Map<String, String> syncRules, @Nullable Map<String, String> schedules,
		@Nullable Boolean requireAccount) {

	/** The suffix of a {@link #schedules()} key naming an object's reconcile schedule. */
	public static final String RECONCILE = "-reconcile";

	/** A reconcile schedule that never fires. */
	public static final String NEVER = "never";

	public static final ConnectionSettings DEFAULTS = new ConnectionSettings(Map.of(), Map.of(), Map.of(), Map.of(),
			Map.of(), false);

	public ConnectionSettings {
		writeModes = (writeModes != null) ? Map.copyOf(writeModes) : Map.of();
		outboundWrites = (outboundWrites != null) ? Map.copyOf(outboundWrites) : Map.of();
		fieldOverrides = (fieldOverrides != null) ? Map.copyOf(fieldOverrides) : Map.of();
		syncRules = (syncRules != null) ? Map.copyOf(syncRules) : Map.of();
		schedules = (schedules != null) ? Map.copyOf(schedules) : Map.of();
		requireAccount = Boolean.TRUE.equals(requireAccount);
	}

	/** These settings with an object's write mode. */
	public ConnectionSettings withWriteMode(String objectType, WriteMode mode) {
		return new ConnectionSettings(with(this.writeModes, objectType, mode), this.outboundWrites, this.fieldOverrides,
				this.syncRules, this.schedules, this.requireAccount);
	}

	/** These settings with an object's app changes sent to Salesforce, or not. */
	public ConnectionSettings withOutboundWrites(String objectType, boolean writes) {
		return new ConnectionSettings(this.writeModes, with(this.outboundWrites, objectType, writes),
				this.fieldOverrides, this.syncRules, this.schedules, this.requireAccount);
	}

	/** These settings with an object's Salesforce field mapped to another app column. */
	public ConnectionSettings withFieldOverride(String objectType, String field, String column) {
		Map<String, String> overrides = with(this.fieldOverrides.getOrDefault(objectType, Map.of()), field, column);
		return new ConnectionSettings(this.writeModes, this.outboundWrites,
				with(this.fieldOverrides, objectType, overrides), this.syncRules, this.schedules, this.requireAccount);
	}

	/** These settings with an object's "Do not sync" condition. */
	public ConnectionSettings withSyncRule(String objectType, String condition) {
		return new ConnectionSettings(this.writeModes, this.outboundWrites, this.fieldOverrides,
				with(this.syncRules, objectType, condition), this.schedules, this.requireAccount);
	}

	/**
	 * These settings with a schedule: an object's inbound cron, or under
	 * {@code {object}-reconcile} its reconcile cron.
	 */
	public ConnectionSettings withSchedule(String key, String cron) {
		return new ConnectionSettings(this.writeModes, this.outboundWrites, this.fieldOverrides, this.syncRules,
				with(this.schedules, key, cron), this.requireAccount);
	}

	/** These settings with contacts without an account skipped, or not. */
	public ConnectionSettings withRequireAccount(boolean require) {
		return new ConnectionSettings(this.writeModes, this.outboundWrites, this.fieldOverrides, this.syncRules,
				this.schedules, require);
	}

	private static <V> Map<String, V> with(@Nullable Map<String, V> map, String key, V value) {
		Map<String, V> copy = new LinkedHashMap<>((map != null) ? map : Map.of());
		copy.put(key, value);
		return copy;
	}

	/** The write mode of an object; create and update unless set. */
	public WriteMode writeMode(String objectType) {
		return this.writeModes.getOrDefault(objectType, WriteMode.CREATE_AND_UPDATE);
	}

	/** Whether app changes to an object go to Salesforce; on unless switched off. */
	public boolean writesOutbound(String objectType) {
		return this.outboundWrites.getOrDefault(objectType, Boolean.TRUE);
	}

	/** How inbound records may change the app. */
	public enum WriteMode {

		CREATE_ONLY, UPDATE_ONLY, CREATE_AND_UPDATE

	}

}
