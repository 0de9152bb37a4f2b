package dev.sfsync.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.emulator.schema.ObjectSchema;
import org.jspecify.annotations.Nullable;

/**
 * Seeds an org with a deterministic data set: the same seed gives the same records. A
 * chosen share of the records is "bad" in the ways sfsync's inbound rules must catch
 * (missing or invalid emails, converted leads, contacts without an account, malformed and
 * unencodable data, activities without a timestamp, roles of a deleted opportunity, and
 * what the rules of a custom object's job definition catch: {@link CustomRecords}).
 * Records are written directly, as data that is already in the org, without the API's
 * write rules.
 */
final class DataGenerator {

	/** The standard objects it seeds, parents first. */
	static final List<String> STANDARD_OBJECTS = List.of("Account", "Contact", "Lead", "Opportunity",
			"OpportunityContactRole", "Campaign", "CampaignMember", "Task", "Event");

	private static final String[] FIRST = { "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken",
			"Margaret", "Dennis", "Radia", "Tim", "Sophie", "John", "Anita", "Guido" };

	private static final String[] LAST = { "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen",
			"Thompson", "Hamilton", "Ritchie", "Perlman", "Berners-Lee", "Wilson", "Backus", "Borg", "van Rossum" };

	private static final String[] INDUSTRIES = { "Technology", "Finance", "Healthcare", "Education", "Retail" };

	private final Random random;

	private final double badShare;

	private final Instant now;

	private final JobCatalog jobs;

	private final Map<String, Integer> bad = new TreeMap<>();

	/**
	 * @param jobs sfsync's job catalog, whose definitions say how a custom object's
	 * records are bad
	 */
	DataGenerator(long seed, double badShare, Instant now, JobCatalog jobs) {
		if (badShare < 0 || badShare > 1) {
			throw new IllegalArgumentException("badShare must be from 0 to 1; was " + badShare);
		}
		this.random = new Random(seed);
		this.badShare = badShare;
		this.now = now.truncatedTo(ChronoUnit.SECONDS);
		this.jobs = jobs;
	}

	/**
	 * The objects it seeds in an org, parents first: the standard ones, then the org's
	 * custom objects.
	 */
	static List<String> objects(Org org) {
		List<String> objects = new ArrayList<>(STANDARD_OBJECTS);
		org.data()
			.catalog()
			.objects()
			.stream()
			.filter(ObjectSchema::custom)
			.map(ObjectSchema::name)
			.forEach(objects::add);
		return objects;
	}

	/** What a seed created: records per object, and bad records per reason. */
	record Seeded(Map<String, Integer> records, Map<String, Integer> bad) {
	}

	Seeded seed(Org org, Map<String, Integer> counts) {
		List<String> objects = objects(org);
		counts.keySet().forEach((object) -> {
			if (!objects.contains(object)) {
				throw new IllegalArgumentException("Cannot seed " + object + "; objects: " + objects);
			}
		});
		OrgData data = org.data();
		String ownerId = org.users().stream().findFirst().map(OrgUser::id).orElse(null);
		Map<String, List<String>> ids = new LinkedHashMap<>();
		Map<String, Integer> created = new LinkedHashMap<>();
		for (String object : objects) {
			int count = counts.getOrDefault(object, 0);
			SObjectTable table = data.requireTable(object);
			CustomRecords custom = table.schema().custom()
					? new CustomRecords(table.schema(), definition(object), this.random, this.now) : null;
			List<String> reasons = (custom != null) ? custom.reasons() : reasons(object);
			List<String> objectIds = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				String id = org.nextId(table.schema().keyPrefix());
				@Nullable Object[] values = new Object[table.fieldCount()];
				String badReason = badReason(object, reasons, i);
				Map<String, @Nullable Object> fields = (custom != null) ? custom.fields(i, badReason)
						: fields(object, i, badReason, ids);
				fields.forEach((name, value) -> {
					int position = table.position(name);
					if (position < 0) {
						throw new IllegalStateException("Generator field " + name + " is not on " + object);
					}
					values[position] = value;
				});
				audit(table, values, id, i, count, ownerId);
				DerivedFields.apply(table, values);
				StoredRecord record = new StoredRecord(id, values);
				table.put(record);
				if (Boolean.TRUE.equals(values[table.position("IsDeleted")])) {
					record.setDeletedAt(this.now);
				}
				objectIds.add(id);
			}
			ids.put(object, objectIds);
			created.put(object, count);
		}
		return new Seeded(created, new TreeMap<>(this.bad));
	}

	/** The definition of a custom object in sfsync's job catalog, or null. */
	private @Nullable JobDefinition definition(String object) {
		return this.jobs.definitions()
			.stream()
			.filter((definition) -> definition.salesforceObject().equalsIgnoreCase(object))
			.findFirst()
			.orElse(null);
	}

	private Map<String, @Nullable Object> fields(String object, int i, @Nullable String badReason,
			Map<String, List<String>> ids) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		String first = FIRST[i % FIRST.length];
		String last = LAST[(i / FIRST.length) % LAST.length];
		switch (object) {
			case "Account" -> {
				fields.put("Name", last + " " + INDUSTRIES[i % INDUSTRIES.length] + " " + i);
				fields.put("Industry", INDUSTRIES[i % INDUSTRIES.length]);
				fields.put("NumberOfEmployees", 10 + this.random.nextInt(5000));
				fields.put("Website", "https://company" + i + ".example.com");
			}
			case "Contact", "Lead" -> {
				fields.put("FirstName", first);
				fields.put("LastName", last);
				fields.put("Email", email(first, last, "." + object.charAt(0) + i));
				fields.put("Title", (i % 3 == 0) ? "VP Engineering" : "Engineer");
				if (object.equals("Contact")) {
					fields.put("AccountId", pick(ids.get("Account")));
				}
				else {
					fields.put("Company", last + " Holdings");
					fields.put("Status", "Open - Not Contacted");
				}
				applyPersonBadness(object, badReason, fields, ids);
			}
			case "Opportunity" -> {
				fields.put("Name", "Deal " + i);
				fields.put("AccountId", pick(ids.get("Account")));
				fields.put("StageName", (i % 4 == 0) ? "Closed Won" : "Prospecting");
				fields.put("Amount", BigDecimal.valueOf(1000L + this.random.nextInt(100_000)));
				fields.put("CloseDate", LocalDate.ofInstant(this.now, ZoneOffset.UTC).plusDays(i % 90));
				if (badReason != null) {
					// A deleted opportunity: its contact roles point at a record the app
					// never gets.
					fields.put("IsDeleted", Boolean.TRUE);
				}
			}
			case "OpportunityContactRole" -> {
				fields.put("OpportunityId", pick(ids.get("Opportunity")));
				fields.put("ContactId", pick(ids.get("Contact")));
				fields.put("Role", "Decision Maker");
				fields.put("IsPrimary", i % 2 == 0);
			}
			case "Campaign" -> {
				fields.put("Name", "Campaign " + i);
				fields.put("IsActive", true);
				fields.put("Type", "Webinar");
				fields.put("Status", "In Progress");
			}
			case "CampaignMember" -> {
				fields.put("CampaignId", pick(ids.get("Campaign")));
				fields.put("ContactId", pick(ids.get("Contact")));
				fields.put("Status", (i % 2 == 0) ? "Responded" : "Sent");
			}
			case "Task" -> {
				fields.put("Subject", "Call " + first + " " + last);
				fields.put("Status", (i % 2 == 0) ? "Completed" : "Not Started");
				fields.put("Priority", "Normal");
				fields.put("ActivityDate", LocalDate.ofInstant(this.now, ZoneOffset.UTC).minusDays(i % 30));
				fields.put("WhoId", pick(ids.get("Contact")));
			}
			case "Event" -> {
				Instant start = this.now.minus(i % 30, ChronoUnit.DAYS);
				fields.put("Subject", "Meeting with " + first + " " + last);
				fields.put("StartDateTime", (badReason != null) ? null : start);
				fields.put("EndDateTime", (badReason != null) ? null : start.plus(1, ChronoUnit.HOURS));
				fields.put("ActivityDateTime", (badReason != null) ? null : start);
				fields.put("DurationInMinutes", 60);
				fields.put("WhoId", pick(ids.get("Contact")));
			}
			default -> throw new IllegalArgumentException(object);
		}
		return fields;
	}

	/** The reasons a standard object's bad records are left out for. */
	private static List<String> reasons(String object) {
		return switch (object) {
			case "Contact" -> List.of("MISSING_EMAIL_ADDRESS", "INVALID_EMAIL_ADDRESS", "NO_ACCOUNT_ASSOCIATION",
					"MALFORMED_DATA", "FAILED_TO_ENCODE_DATA");
			case "Lead" ->
				List.of("MISSING_EMAIL_ADDRESS", "INVALID_EMAIL_ADDRESS", "LEAD_ALREADY_CONVERTED", "DO_NOT_SYNC");
			case "Opportunity" -> List.of("OPPORTUNITY_NOT_FOUND");
			case "Event" -> List.of("INVALID_TIMESTAMP");
			default -> List.of();
		};
	}

	/**
	 * The reason record {@code i} is bad, cycling through the object's reasons, or null.
	 */
	private @Nullable String badReason(String object, List<String> reasons, int i) {
		if (reasons.isEmpty() || this.badShare == 0) {
			return null;
		}
		int every = (int) Math.max(1, Math.round(1 / this.badShare));
		if (i % every != every - 1) {
			return null;
		}
		String reason = reasons.get((i / every) % reasons.size());
		this.bad.merge(object + "." + reason, 1, Integer::sum);
		return reason;
	}

	/**
	 * Contact {@code i}'s address, by which the records of a custom object that resolves
	 * contacts name it.
	 */
	static String contactEmail(int i) {
		return email(FIRST[i % FIRST.length], LAST[(i / FIRST.length) % LAST.length], ".c" + i);
	}

	/** A valid address: names like "van Rossum" lose their spaces. */
	private static String email(String first, String last, String suffix) {
		return (first + "." + last + suffix + "@example.com").toLowerCase().replace(" ", "");
	}

	private void applyPersonBadness(String object, @Nullable String reason, Map<String, @Nullable Object> fields,
			Map<String, List<String>> ids) {
		if (reason == null) {
			return;
		}
		switch (reason) {
			case "MISSING_EMAIL_ADDRESS" -> fields.put("Email", null);
			case "INVALID_EMAIL_ADDRESS" -> fields.put("Email", "not an email@@example");
			case "NO_ACCOUNT_ASSOCIATION" -> fields.put("AccountId", null);
			case "MALFORMED_DATA" -> fields.put("LastName", null);
			// A lone UTF-16 surrogate: no valid UTF-8 encoding exists for it.
			case "FAILED_TO_ENCODE_DATA" -> fields.put("LastName", "Bro\uD800ken");
			case "LEAD_ALREADY_CONVERTED" -> {
				fields.put("IsConverted", Boolean.TRUE);
				fields.put("Status", "Closed - Converted");
				fields.put("ConvertedContactId", pick(ids.get("Contact")));
				fields.put("ConvertedAccountId", pick(ids.get("Account")));
				fields.put("ConvertedDate", LocalDate.ofInstant(this.now, ZoneOffset.UTC));
			}
			// Excluded by the demo connection's sync rule (LeadSource = 'Do Not Sync').
			case "DO_NOT_SYNC" -> fields.put("LeadSource", "Do Not Sync");
			default -> throw new IllegalStateException(object + " " + reason);
		}
	}

	/**
	 * Audit fields spread over the last 30 days in creation order, three records to a
	 * second, so that keyset paging must break ties on Id.
	 */
	private void audit(SObjectTable table, @Nullable Object[] values, String id, int i, int count,
			@Nullable String ownerId) {
		Instant stamp = this.now.minus(30, ChronoUnit.DAYS)
			.plusSeconds((long) i / 3 * Math.max(1, 2_592_000L / Math.max(1, count)));
		if (stamp.isAfter(this.now)) {
			stamp = this.now;
		}
		table.set(values, "Id", id);
		table.set(values, "CreatedDate", stamp);
		table.set(values, "LastModifiedDate", stamp);
		table.set(values, "SystemModstamp", stamp);
		table.set(values, "CreatedById", ownerId);
		table.set(values, "LastModifiedById", ownerId);
		if (table.position("OwnerId") >= 0 && values[table.position("OwnerId")] == null) {
			table.set(values, "OwnerId", ownerId);
		}
		if (table.position("IsDeleted") >= 0 && values[table.position("IsDeleted")] == null) {
			table.set(values, "IsDeleted", Boolean.FALSE);
		}
		for (int position = 0; position < values.length; position++) {
			if (values[position] == null
					&& table.field(position).type() == dev.sfsync.emulator.schema.FieldType.BOOLEAN) {
				values[position] = Boolean.FALSE;
			}
		}
	}

	private @Nullable String pick(@Nullable List<String> candidates) {
		if (candidates == null || candidates.isEmpty()) {
			return null;
		}
		return candidates.get(this.random.nextInt(candidates.size()));
	}

}
