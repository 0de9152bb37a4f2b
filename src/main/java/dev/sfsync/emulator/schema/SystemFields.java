package dev.sfsync.emulator.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fields Salesforce maintains on every object: {@code Id}, {@code IsDeleted} on
 * deletable objects, and the audit fields that incremental syncs depend on.
 */
final class SystemFields {

	static final Set<String> AUDIT = Set.of("CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById",
			"SystemModstamp");

	private SystemFields() {
	}

	/**
	 * The object's own fields in describe order: {@code Id} and {@code IsDeleted} first,
	 * the audit fields last.
	 */
	static List<FieldSchema> around(String objectName, String objectLabel, boolean deletable, List<FieldSchema> own) {
		List<FieldSchema> fields = new ArrayList<>();
		fields.add(FieldSchema.builder("Id", FieldType.ID)
			.label(objectName.endsWith("__c") ? "Record ID" : objectLabel + " ID")
			.build());
		if (deletable) {
			fields.add(FieldSchema.builder("IsDeleted", FieldType.BOOLEAN).label("Deleted").readOnly().build());
		}
		fields.addAll(own);
		fields.add(timestamp("CreatedDate", "Created Date"));
		fields.add(user("CreatedById", "Created By ID", "CreatedBy"));
		fields.add(timestamp("LastModifiedDate", "Last Modified Date"));
		fields.add(user("LastModifiedById", "Last Modified By ID", "LastModifiedBy"));
		fields.add(timestamp("SystemModstamp", "System Modstamp"));
		return fields;
	}

	static boolean isAudit(String fieldName) {
		return AUDIT.contains(fieldName);
	}

	private static FieldSchema timestamp(String name, String label) {
		return FieldSchema.builder(name, FieldType.DATETIME)
			.label(label)
			.required()
			.readOnly()
			.defaultedOnCreate()
			.build();
	}

	private static FieldSchema user(String name, String label, String relationshipName) {
		return FieldSchema.builder(name, FieldType.REFERENCE)
			.label(label)
			.referenceTo(relationshipName, "User")
			.required()
			.readOnly()
			.defaultedOnCreate()
			.build();
	}

}
