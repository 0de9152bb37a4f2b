package dev.sfsync.emulator;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API's data side: edit, delete and convert records as a Salesforce user would,
 * lock records, archive old activities, and set the org's validation and duplicate rules.
 * Calls here do not count against the API allocation.
 */
@RestController
class AdminRecordsController {

	private final Orgs orgs;

	private final RecordWriter writer;

	private final ValidationRules validationRules;

	private final Clock clock;

	private final JobCatalog jobs;

	AdminRecordsController(Orgs orgs, RecordWriter writer, ValidationRules validationRules, Clock clock,
			JobCatalog jobs) {
		this.orgs = orgs;
		this.writer = writer;
		this.validationRules = validationRules;
		this.clock = clock;
		this.jobs = jobs;
	}

	/** A validation rule: when the condition holds, the save fails with the message. */
	record NewValidationRule(String object, String name, String condition, String errorMessage,
			@Nullable String errorField) {
	}

	/**
	 * What to seed: a number of records per object, or {@code records} for each object.
	 */
	record SeedRequest(@Nullable Integer records, @Nullable Map<String, Integer> objects, @Nullable Double badShare,
			@Nullable Long seed) {
	}

	@PostMapping("/emulator/orgs/{orgId}/seed")
	@ResponseStatus(HttpStatus.CREATED)
	DataGenerator.Seeded seed(@PathVariable String orgId, @RequestBody SeedRequest request) {
		Org org = find(orgId);
		Map<String, Integer> counts = new LinkedHashMap<>();
		if (request.records() != null) {
			DataGenerator.objects(org).forEach((object) -> counts.put(object, request.records()));
		}
		if (request.objects() != null) {
			counts.putAll(request.objects());
		}
		counts.values().forEach((count) -> {
			if (count < 0 || count > 5_000_000) {
				throw new IllegalArgumentException("record counts must be from 0 to 5000000");
			}
		});
		DataGenerator generator = new DataGenerator((request.seed() != null) ? request.seed() : 42,
				(request.badShare() != null) ? request.badShare() : 0, this.clock.instant(), this.jobs);
		return generator.seed(org, counts);
	}

	@PostMapping("/emulator/orgs/{orgId}/records/{type}")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(@PathVariable String orgId, @PathVariable String type,
			@RequestBody Map<String, @Nullable Object> fields) {
		Org org = find(orgId);
		SObjectTable table = org.data().requireTable(type);
		StoredRecord record = this.writer.create(org.data(), table, fields, editor(org),
				org.nextId(table.schema().keyPrefix()), true);
		return Map.of("id", record.id());
	}

	@PatchMapping("/emulator/orgs/{orgId}/records/{type}/{id}")
	Map<String, Object> update(@PathVariable String orgId, @PathVariable String type, @PathVariable String id,
			@RequestBody Map<String, @Nullable Object> fields) {
		Org org = find(orgId);
		SObjectTable table = org.data().requireTable(type);
		StoredRecord record = table.find(id).orElseThrow(SalesforceApiException::notFound);
		this.writer.update(org.data(), table, record, fields, editor(org), true);
		return Map.of("id", record.id());
	}

	@DeleteMapping("/emulator/orgs/{orgId}/records/{type}/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String orgId, @PathVariable String type, @PathVariable String id,
			@RequestParam(defaultValue = "false") boolean purge) {
		Org org = find(orgId);
		SObjectTable table = org.data().requireTable(type);
		StoredRecord record = table.find(id).orElseThrow(SalesforceApiException::notFound);
		if (purge) {
			table.purge(record.id());
		}
		else {
			this.writer.delete(org.data(), table, record, editor(org));
		}
	}

	/**
	 * Converts a Lead into a new Account and Contact, as Salesforce's Convert button
	 * does.
	 */
	@PostMapping("/emulator/orgs/{orgId}/leads/{id}/convert")
	Map<String, Object> convert(@PathVariable String orgId, @PathVariable String id) {
		Org org = find(orgId);
		OrgData data = org.data();
		SObjectTable leads = data.requireTable("Lead");
		StoredRecord lead = leads.find(id).orElseThrow(SalesforceApiException::notFound);
		if (Boolean.TRUE.equals(leads.get(lead, "IsConverted"))) {
			throw new SalesforceApiException(HttpStatus.BAD_REQUEST, "CANNOT_UPDATE_CONVERTED_LEAD",
					"cannot reference converted lead");
		}
		OrgUser user = editor(org);
		SObjectTable accounts = data.requireTable("Account");
		Map<String, @Nullable Object> account = new LinkedHashMap<>();
		account.put("Name", leads.get(lead, "Company"));
		StoredRecord createdAccount = this.writer.create(data, accounts, account, user, org.nextId("001"), true);
		SObjectTable contacts = data.requireTable("Contact");
		Map<String, @Nullable Object> contact = new LinkedHashMap<>();
		for (String field : List.of("FirstName", "LastName", "Email", "Phone", "Title")) {
			contact.put(field, FieldValues.toJson(leads.get(lead, field)));
		}
		contact.put("AccountId", createdAccount.id());
		StoredRecord createdContact = this.writer.create(data, contacts, contact, user, org.nextId("003"), true);
		Map<String, @Nullable Object> converted = new LinkedHashMap<>();
		converted.put("IsConverted", true);
		converted.put("ConvertedContactId", createdContact.id());
		converted.put("ConvertedAccountId", createdAccount.id());
		converted.put("ConvertedDate", LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).toString());
		converted.put("Status", "Closed - Converted");
		this.writer.systemUpdate(leads, lead, converted, user.id());
		return Map.of("leadId", lead.id(), "contactId", createdContact.id(), "accountId", createdAccount.id());
	}

	/**
	 * Archives closed Tasks and Events older than a number of days, as Salesforce does
	 * after 365.
	 */
	@PostMapping("/emulator/orgs/{orgId}/activities/archive")
	Map<String, Object> archive(@PathVariable String orgId, @RequestParam(defaultValue = "365") int olderThanDays) {
		Org org = find(orgId);
		LocalDate cutoff = LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).minusDays(olderThanDays);
		int archived = 0;
		for (String type : List.of("Task", "Event")) {
			SObjectTable table = org.data().requireTable(type);
			List<StoredRecord> old = table.records()
				.filter((record) -> !table.isArchived(record))
				.filter((record) -> table.get(record, "ActivityDate") instanceof LocalDate date
						&& date.isBefore(cutoff))
				.filter((record) -> !type.equals("Task") || Boolean.TRUE.equals(table.get(record, "IsClosed")))
				.toList();
			for (StoredRecord record : old) {
				this.writer.systemUpdate(table, record, Map.of("IsArchived", true), editor(org).id());
			}
			archived += old.size();
		}
		return Map.of("archived", archived);
	}

	@PutMapping("/emulator/orgs/{orgId}/locks")
	Map<String, Object> lock(@PathVariable String orgId, @RequestBody Map<String, List<String>> request) {
		List<String> ids = request.getOrDefault("ids", List.of());
		find(orgId).data().lock(ids);
		return Map.of("locked", ids);
	}

	@DeleteMapping("/emulator/orgs/{orgId}/locks")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unlock(@PathVariable String orgId) {
		find(orgId).data().unlockAll();
	}

	@PostMapping("/emulator/orgs/{orgId}/validation-rules")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> addValidationRule(@PathVariable String orgId, @RequestBody NewValidationRule request) {
		Org org = find(orgId);
		SObjectTable table = org.data().requireTable(request.object());
		org.data()
			.addValidationRule(table.name(), this.validationRules.compile(org.data(), table, request.name(),
					request.condition(), request.errorMessage(), request.errorField()));
		return Map.of("object", table.name(), "name", request.name());
	}

	@PutMapping("/emulator/orgs/{orgId}/duplicate-rules/{type}")
	Map<String, Object> duplicateRule(@PathVariable String orgId, @PathVariable String type,
			@RequestBody Map<String, List<String>> request) {
		Org org = find(orgId);
		SObjectTable table = org.data().requireTable(type);
		List<String> fields = request.getOrDefault("fields", List.of());
		for (String field : fields) {
			if (table.position(field) < 0) {
				throw new IllegalArgumentException("No field " + field + " on " + table.name());
			}
		}
		org.data().setDuplicateRule(table.name(), fields);
		return Map.of("object", table.name(), "fields", fields);
	}

	private Org find(String orgId) {
		return this.orgs.find(orgId).orElseThrow(SalesforceApiException::notFound);
	}

	/**
	 * Admin edits are made as the org's first user, the way a Salesforce admin edits
	 * records.
	 */
	private static OrgUser editor(Org org) {
		return org.users()
			.stream()
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Org " + org.id() + " has no user to edit as"));
	}

}
