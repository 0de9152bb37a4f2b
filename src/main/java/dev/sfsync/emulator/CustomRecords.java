package dev.sfsync.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.sfsync.catalog.FieldMapping;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.SyncRule;
import dev.sfsync.emulator.schema.FieldSchema;
import dev.sfsync.emulator.schema.ObjectSchema;
import org.jspecify.annotations.Nullable;

/**
 * The seed's records of one custom object, made from its schema alone: each field's value
 * follows from its type and the seed. Its bad records are bad in the ways the rules of
 * its job definition catch, through the fields the definition maps to the columns those
 * rules read: {@code resolve-contact}'s lack their identifiers, name nobody or name two
 * contacts, {@code require-event-name}'s have no event name. An object whose definition
 * has no such rule, or that has no definition, gets valid records only.
 */
final class CustomRecords {

	private final ObjectSchema schema;

	private final Random random;

	private final Instant now;

	private final @Nullable String emailField;

	private final @Nullable String userField;

	private final @Nullable String eventNameField;

	private final List<String> reasons = new ArrayList<>();

	CustomRecords(ObjectSchema schema, @Nullable JobDefinition definition, Random random, Instant now) {
		this.schema = schema;
		this.random = random;
		this.now = now;
		Set<SyncRule> rules = (definition != null) ? definition.rules() : Set.of();
		boolean resolvesContacts = rules.contains(SyncRule.RESOLVE_CONTACT);
		this.emailField = resolvesContacts ? mappedTo(definition, SyncRule.CONTACT_EMAIL_COLUMN) : null;
		this.userField = resolvesContacts ? mappedTo(definition, SyncRule.APP_USER_ID_COLUMN) : null;
		this.eventNameField = rules.contains(SyncRule.REQUIRE_EVENT_NAME)
				? mappedTo(definition, SyncRule.EVENT_NAME_COLUMN) : null;
		if (this.emailField != null || this.userField != null) {
			this.reasons.add("MISSING_IDENTIFIER");
			this.reasons.add("CONTACT_NOT_FOUND");
		}
		if (this.emailField != null && this.userField != null) {
			this.reasons.add("CONFLICTING_IDENTIFIER");
		}
		if (this.eventNameField != null) {
			this.reasons.add("MISSING_EVENT_NAME");
		}
	}

	/** The reasons its bad records are left out for, in the order they take turns. */
	List<String> reasons() {
		return List.copyOf(this.reasons);
	}

	/**
	 * Record {@code i}'s fields: its name, and a value of each custom field's type. Under
	 * {@code resolve-contact} it names contact {@code i}: its email address and its app
	 * user id {@code user-i}.
	 * @param reason one of {@link #reasons()} to make the record bad, or null
	 */
	Map<String, @Nullable Object> fields(int i, @Nullable String reason) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		for (FieldSchema field : this.schema.fields()) {
			if (field.nameField() || field.custom() && field.createable()) {
				fields.put(field.name(), value(field, i));
			}
		}
		put(fields, this.emailField, DataGenerator.contactEmail(i));
		put(fields, this.userField, "user-" + i);
		if (reason != null) {
			switch (reason) {
				case "MISSING_IDENTIFIER" -> {
					put(fields, this.emailField, null);
					put(fields, this.userField, null);
				}
				case "CONTACT_NOT_FOUND" -> {
					put(fields, this.emailField, "nobody." + i + "@nowhere.example");
					put(fields, this.userField, "nobody-" + i);
				}
				// Contact i's email, contact i + 1's user id.
				case "CONFLICTING_IDENTIFIER" -> put(fields, this.userField, "user-" + (i + 1));
				case "MISSING_EVENT_NAME" -> put(fields, this.eventNameField, "");
				default -> throw new IllegalStateException(this.schema.name() + " " + reason);
			}
		}
		return fields;
	}

	private @Nullable Object value(FieldSchema field, int i) {
		return switch (field.type()) {
			case STRING, TEXTAREA ->
				fit((field.nameField() ? this.schema.label() : field.label()) + " " + i, field.length());
			case EMAIL -> DataGenerator.contactEmail(i);
			case PHONE -> String.format("+1 555 %07d", i % 10_000_000);
			case URL -> "https://example.com/" + this.schema.name().toLowerCase(Locale.ROOT) + "/" + i;
			case PICKLIST, MULTIPICKLIST -> {
				List<String> values = field.activePicklistValues();
				yield values.isEmpty() ? null : values.get(i % values.size());
			}
			case BOOLEAN -> i % 2 == 0;
			case INT -> this.random.nextInt(1000);
			case DOUBLE, CURRENCY -> BigDecimal.valueOf(10L + this.random.nextInt(10_000));
			case PERCENT -> BigDecimal.valueOf(this.random.nextInt(101));
			case DATE -> LocalDate.ofInstant(this.now, ZoneOffset.UTC).minusDays(i % 30);
			case DATETIME -> this.now.minus(i % 30, ChronoUnit.DAYS);
			// Lookups are left empty: the seed knows no record to point at.
			case ID, REFERENCE -> null;
		};
	}

	private static String fit(String text, int length) {
		return (length > 0 && text.length() > length) ? text.substring(0, length) : text;
	}

	private static void put(Map<String, @Nullable Object> fields, @Nullable String field, @Nullable Object value) {
		if (field != null) {
			fields.put(field, value);
		}
	}

	/** The field the definition reads into an app column, when the object has it. */
	private @Nullable String mappedTo(@Nullable JobDefinition definition, String column) {
		if (definition == null) {
			return null;
		}
		return definition.fields()
			.stream()
			.filter((mapping) -> mapping.direction().inbound() && mapping.column().equals(column))
			.map(FieldMapping::salesforceField)
			.filter(this.schema::hasField)
			.findFirst()
			.orElse(null);
	}

}
