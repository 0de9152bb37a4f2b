package dev.sfsync.activity;

import java.util.List;
import java.util.Locale;

import dev.sfsync.catalog.Direction;

/**
 * The words users see for object types, directions and operations: "Synced contacts from
 * Salesforce", "Pull updates".
 */
final class Names {

	/**
	 * The steps of the sync jobs, in the order they run: the operations users filter by.
	 * {@code pull-deletes} and {@code pull-conversions} are steps of inbound runs made
	 * before {@code pull-updates} read deletes and Lead conversions too; they stay
	 * filterable while those runs are kept.
	 */
	static final List<String> OPERATIONS = List.of("sync-schema", "pull-updates", "pull-deletes", "pull-conversions",
			"retry-waiting", "list-ids", "find-drift", "reconcile", "update-foreign-keys", "push-new", "push-updates",
			"push-deletes");

	private Names() {
	}

	/** {@code opportunity-contact-role} → "Opportunity contact role". */
	static String objectLabel(String objectType) {
		String words = words(objectType);
		return words.isEmpty() ? objectType : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	/** {@code opportunity} → "opportunities", {@code invoice__c} → "invoices". */
	static String plural(String objectType) {
		String words = words(objectType);
		if (words.endsWith("y") && !words.endsWith("ay") && !words.endsWith("ey") && !words.endsWith("oy")) {
			return words.substring(0, words.length() - 1) + "ies";
		}
		if (words.endsWith("s") || words.endsWith("x") || words.endsWith("ch") || words.endsWith("sh")) {
			return words + "es";
		}
		return words + "s";
	}

	/** What a sync run did, in plain language. */
	static String description(String objectType, Direction direction) {
		return switch (direction) {
			case INBOUND -> "Synced " + plural(objectType) + " from Salesforce";
			case BACKFILL -> "Backfilled " + plural(objectType) + " from Salesforce";
			case OUTBOUND -> "Pushed " + words(objectType) + " updates to Salesforce";
			case RECONCILE -> "Reconciled " + plural(objectType) + " with Salesforce";
		};
	}

	/** A step name for people: {@code pull-updates} → "Pull updates". */
	static String operation(String stepName) {
		return objectLabel(stepName);
	}

	private static String words(String name) {
		String base = name.toLowerCase(Locale.ROOT);
		if (base.endsWith("__c")) {
			base = base.substring(0, base.length() - 3);
		}
		return base.replace("__", " ").replace('_', ' ').replace('-', ' ').trim();
	}

}
