package dev.sfsync.emulator.schema;

import java.util.ArrayList;
import java.util.List;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.SalesforceType;

/**
 * A custom object to add to an emulated org, as an admin would create it in Setup. The
 * catalog gives it a key prefix and the fields every custom object has: {@code Id},
 * {@code Name}, {@code OwnerId}, {@code IsDeleted} and the audit fields.
 *
 * @param name the API name, ending in {@code __c}
 * @param label the singular label
 * @param labelPlural the plural label
 * @param fields the custom fields (names ending in {@code __c}); a field named
 * {@code Name} replaces the default 80-character text name
 * @param standard a standard object that the emulator does not ship (such as
 * {@code Case}), added with its standard fields for a test: any name, any field names
 */
public record CustomObjectDefinition(String name, String label, String labelPlural, List<FieldSchema> fields,
		boolean standard) {

	public CustomObjectDefinition(String name, String label, String labelPlural, List<FieldSchema> fields) {
		this(name, label, labelPlural, fields, false);
	}

	public CustomObjectDefinition {
		if (standard) {
			if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
				throw new IllegalArgumentException("'" + name + "' is not a standard object name such as Case");
			}
		}
		else if (!name.matches("[A-Za-z][A-Za-z0-9_]*__c")) {
			throw new IllegalArgumentException("'" + name + "' is not a custom object name: expected Name__c");
		}
		fields = List.copyOf(fields);
		for (FieldSchema field : fields) {
			if (!standard && !field.custom() && !field.name().equals("Name")) {
				throw new IllegalArgumentException("Custom object " + name + ": field " + field.name()
						+ " is neither a custom field (ending in __c) nor Name");
			}
		}
	}

	/**
	 * A definition whose labels follow from the name: {@code Invoice__c} is "Invoice",
	 * "Invoices".
	 * @param name the API name, ending in {@code __c}
	 * @param fields the custom fields
	 * @return the definition
	 */
	public static CustomObjectDefinition of(String name, FieldSchema... fields) {
		String label = FieldSchema.labelFor(name);
		return new CustomObjectDefinition(name, label, label + "s", List.of(fields));
	}

	/**
	 * The custom object a job definition syncs, with its mapped custom fields as the
	 * definition types them: {@code jobs/invoice__c.yaml} is {@code Invoice__c},
	 * "Invoice", "Invoices". Its standard fields ({@code Name}, {@code OwnerId}) are
	 * every custom object's.
	 * @param definition a definition of an object whose name ends in {@code __c}
	 * @return the custom object
	 */
	public static CustomObjectDefinition from(JobDefinition definition) {
		return of(definition.salesforceObject(),
				definition.fields()
					.stream()
					.filter((mapping) -> mapping.salesforceField().endsWith("__c"))
					.map((mapping) -> field(mapping.salesforceField(), mapping.type()))
					.toArray(FieldSchema[]::new));
	}

	private static FieldSchema field(String name, SalesforceType declared) {
		FieldType type = FieldType.fromDescribeName(declared.kind().id())
			.orElseThrow(() -> new IllegalArgumentException("Field " + name + ": no field type " + declared.kind()));
		FieldSchema.Builder field = FieldSchema.builder(name, type);
		if (declared.length() > 0) {
			field.length(declared.length());
		}
		if (!declared.values().isEmpty()) {
			field.picklist(declared.values().toArray(String[]::new)).restrictedPicklist();
		}
		if (declared.externalId()) {
			field.externalId();
		}
		return field.build();
	}

	ObjectSchema toSchema(String keyPrefix) {
		List<FieldSchema> own = new ArrayList<>();
		FieldSchema nameField = this.fields.stream()
			.filter((field) -> field.name().equals("Name"))
			.findFirst()
			// Salesforce fills an omitted Name with the record's Id, so it is not
			// required.
			.orElseGet(() -> FieldSchema.builder("Name", FieldType.STRING)
				.label(this.label + " Name")
				.length(80)
				.nameField()
				.build());
		own.add(nameField);
		own.add(StandardObjects.owner("Group", "User").build());
		this.fields.stream()
			.filter((field) -> this.standard || field.custom())
			.filter((field) -> !field.name().equals("Name"))
			.forEach(own::add);
		ObjectSchema.Builder builder = ObjectSchema.builder(this.name, keyPrefix).label(this.label, this.labelPlural);
		own.forEach(builder::field);
		return builder.build();
	}

}
