package dev.sfsync.catalog;

import java.util.List;
import java.util.Set;

/**
 * One object type's sync definition, loaded from {@code jobs/{name}.yaml}: what to sync,
 * where to, how and when.
 *
 * @param name the kebab-case object type name, from the file name (for example
 * {@code opportunity-contact-role}); job names start with it
 * @param salesforceObject the Salesforce object API name, for example {@code Contact}
 * @param table the app table the records are stored in
 * @param fields the field mapping, in file order
 * @param rules the record rules that apply
 * @param schedule the Quartz cron expression of the inbound runs
 * @param sizes page, chunk, backfill and outbound batch sizes
 * @param outbound whether changes in the app are pushed to Salesforce
 * @param source where the definition was read from, for messages
 */
public record JobDefinition(String name, String salesforceObject, String table, List<FieldMapping> fields,
		Set<SyncRule> rules, String schedule, Sizes sizes, boolean outbound, String source) {

	/** The directions this object type has a job for. */
	public List<Direction> directions() {
		return this.outbound ? List.of(Direction.INBOUND, Direction.BACKFILL, Direction.OUTBOUND, Direction.RECONCILE)
				: List.of(Direction.INBOUND, Direction.BACKFILL, Direction.RECONCILE);
	}

	public String jobName(Direction direction) {
		return direction.jobName(this.name);
	}

}
