package dev.sfsync.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Renders stored records in Salesforce's JSON shape, with their {@code attributes}. */
final class Records {

	private Records() {
	}

	static Map<String, Object> attributes(String objectName, String id, String version) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("type", objectName);
		attributes.put("url", "/services/data/" + version + "/sobjects/" + objectName + "/" + id);
		return attributes;
	}

	/** A record with the given fields, or every field when {@code fields} is null. */
	static Map<String, @Nullable Object> render(SObjectTable table, StoredRecord record, String version,
			@Nullable List<String> fields) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("attributes", attributes(table.name(), record.id(), version));
		if (fields == null) {
			for (int i = 0; i < table.fieldCount(); i++) {
				json.put(table.field(i).name(), FieldValues.toJson(record.get(i)));
			}
		}
		else {
			for (String name : fields) {
				int position = table.position(name);
				json.put(table.field(position).name(), FieldValues.toJson(record.get(position)));
			}
		}
		return json;
	}

}
