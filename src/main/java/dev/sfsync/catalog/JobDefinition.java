package dev.sfsync.catalog;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

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
 * @param label the mapped Salesforce fields whose values name a record for people, in
 * order ({@code label:}, or by default the first and last name, name or subject, and the
 * email); empty when none names it
 */
public record JobDefinition(String name, String salesforceObject, String table, List<FieldMapping> fields,
		Set<SyncRule> rules, String schedule, Sizes sizes, boolean outbound, String source, List<String> label,
		AppKeys app) {

	/** Most characters of a label. */
	public static final int LABEL_LENGTH = 255;

	/** The fields that name a record when its definition does not say, in this order. */
	static final List<String> DEFAULT_LABEL = List.of("FirstName", "LastName", "Name", "Subject", "Email");

	public JobDefinition {
		label = List.copyOf(label);
	}

	/** A definition with the default label, in a table of its own. */
	public JobDefinition(String name, String salesforceObject, String table, List<FieldMapping> fields,
			Set<SyncRule> rules, String schedule, Sizes sizes, boolean outbound, String source) {
		this(name, salesforceObject, table, fields, rules, schedule, sizes, outbound, source, defaultLabel(fields),
				AppKeys.DEFAULTS);
	}

	static List<String> defaultLabel(List<FieldMapping> fields) {
		return DEFAULT_LABEL.stream()
			.filter((field) -> fields.stream().anyMatch((mapping) -> mapping.salesforceField().equals(field)))
			.toList();
	}

	/** The app columns of the label's fields, in order. */
	public List<String> labelColumns() {
		return this.label.stream()
			.map((field) -> this.fields.stream()
				.filter((mapping) -> mapping.salesforceField().equals(field))
				.findFirst()
				.orElseThrow()
				.column())
			.toList();
	}

	/**
	 * A record's label from the values of its label fields, in order: "Ada Lovelace
	 * (ada@example.com)". Email fields go in parentheses after the others; blank values
	 * are left out. Null when every value is blank.
	 * @param values a label field's value by its position in {@link #label()}
	 */
	public @Nullable String labelOf(java.util.function.IntFunction<@Nullable String> values) {
		StringBuilder names = new StringBuilder();
		StringBuilder emails = new StringBuilder();
		for (int i = 0; i < this.label.size(); i++) {
			String value = values.apply(i);
			if (value == null || value.isBlank()) {
				continue;
			}
			StringBuilder part = this.label.get(i).toLowerCase(java.util.Locale.ROOT).contains("email") ? emails
					: names;
			part.append(part.isEmpty() ? "" : " ").append(value.strip());
		}
		String text = names.isEmpty() ? emails.toString()
				: emails.isEmpty() ? names.toString() : names + " (" + emails + ")";
		if (text.isEmpty()) {
			return null;
		}
		return (text.length() > LABEL_LENGTH) ? text.substring(0, LABEL_LENGTH - 1) + "…" : text;
	}

	/** The directions this object type has a job for. */
	public List<Direction> directions() {
		return this.outbound ? List.of(Direction.INBOUND, Direction.BACKFILL, Direction.OUTBOUND, Direction.RECONCILE)
				: List.of(Direction.INBOUND, Direction.BACKFILL, Direction.RECONCILE);
	}

	public String jobName(Direction direction) {
		return direction.jobName(this.name);
	}

}
