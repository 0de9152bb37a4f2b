package dev.sfsync.emulator;

import java.util.Optional;

import dev.sfsync.emulator.schema.FieldSchema;
import dev.sfsync.emulator.schema.FieldType;
import dev.sfsync.emulator.schema.ObjectSchema;
import dev.sfsync.soql.SoqlField;
import dev.sfsync.soql.SoqlObject;
import dev.sfsync.soql.SoqlRecord;
import dev.sfsync.soql.SoqlRelationship;
import dev.sfsync.soql.SoqlSchema;
import dev.sfsync.soql.SoqlType;
import org.jspecify.annotations.Nullable;

/** An org's objects and records as the SOQL parser and evaluator see them. */
final class OrgSoqlSchema implements SoqlSchema {

	private final OrgData data;

	OrgSoqlSchema(OrgData data) {
		this.data = data;
	}

	@Override
	public Optional<SoqlObject> object(String name) {
		return this.data.table(name).map((table) -> new TableObject(table.schema()));
	}

	/** A stored record, or a record about to be saved, with its parents reachable. */
	SoqlRecord record(SObjectTable table, StoredRecord record) {
		return new RecordView(table, record);
	}

	private final class TableObject implements SoqlObject {

		private final ObjectSchema schema;

		TableObject(ObjectSchema schema) {
			this.schema = schema;
		}

		@Override
		public String name() {
			return this.schema.name();
		}

		@Override
		public Optional<SoqlField> field(String name) {
			return this.schema.findField(name).map((field) -> SoqlField.of(field.name(), type(field.type())));
		}

		@Override
		public Optional<SoqlRelationship> relationship(String name) {
			return this.schema.findRelationshipField(name)
				.flatMap((field) -> OrgSoqlSchema.this.data.catalog()
					.relationshipTarget(this.schema, name, null)
					.map((target) -> SoqlRelationship.of(field.relationshipName(), new TableObject(target))));
		}

	}

	private final class RecordView implements SoqlRecord {

		private final SObjectTable table;

		private final StoredRecord record;

		RecordView(SObjectTable table, StoredRecord record) {
			this.table = table;
			this.record = record;
		}

		@Override
		public @Nullable Object get(String fieldName) {
			return this.table.get(this.record, fieldName);
		}

		@Override
		public @Nullable SoqlRecord parent(String relationshipName) {
			FieldSchema field = this.table.schema().findRelationshipField(relationshipName).orElse(null);
			if (field == null || !(this.table.get(this.record, field.name()) instanceof String id)) {
				return null;
			}
			SObjectTable parentTable = OrgSoqlSchema.this.data.tableOf(id).orElse(null);
			if (parentTable == null) {
				return null;
			}
			return parentTable.find(id).map((parent) -> (SoqlRecord) new RecordView(parentTable, parent)).orElse(null);
		}

	}

	static SoqlType type(FieldType type) {
		return switch (type) {
			case ID -> SoqlType.ID;
			case REFERENCE -> SoqlType.REFERENCE;
			case STRING -> SoqlType.STRING;
			case TEXTAREA -> SoqlType.TEXTAREA;
			case PICKLIST, MULTIPICKLIST -> SoqlType.PICKLIST;
			case EMAIL -> SoqlType.EMAIL;
			case PHONE -> SoqlType.PHONE;
			case URL -> SoqlType.URL;
			case BOOLEAN -> SoqlType.BOOLEAN;
			case INT -> SoqlType.INTEGER;
			case DOUBLE -> SoqlType.DOUBLE;
			case CURRENCY -> SoqlType.CURRENCY;
			case PERCENT -> SoqlType.PERCENT;
			case DATE -> SoqlType.DATE;
			case DATETIME -> SoqlType.DATETIME;
		};
	}

}
