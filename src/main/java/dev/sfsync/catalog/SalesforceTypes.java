package dev.sfsync.catalog;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads the Salesforce type a {@code jobs/} field declares ({@code type}, {@code length},
 * {@code values}, {@code external-id}), each key checked against the type, so that a
 * custom object is defined by its file alone.
 */
final class SalesforceTypes {

	/** The field types Salesforce lets be an external id. */
	private static final Set<SalesforceType.Kind> EXTERNAL_ID_KINDS = EnumSet.of(SalesforceType.Kind.STRING,
			SalesforceType.Kind.EMAIL, SalesforceType.Kind.INT, SalesforceType.Kind.DOUBLE);

	private SalesforceTypes() {
	}

	/**
	 * What a custom object's custom field is in Salesforce: each key checked against its
	 * type, text of 255 characters when the file declares nothing.
	 */
	static SalesforceType read(String file, String key, String object, String field, JobFile.FieldFile mapping) {
		Map<String, @Nullable Object> declared = new LinkedHashMap<>();
		declared.put("type", (mapping.type() != null) ? mapping.type().id() : null);
		declared.put("length", mapping.length());
		declared.put("values", mapping.values());
		declared.put("external-id", mapping.externalId());
		declared.values().removeIf(Objects::isNull);
		if (declared.isEmpty()) {
			return SalesforceType.TEXT;
		}
		if (!object.endsWith("__c") || !field.endsWith("__c")) {
			Map.Entry<String, @Nullable Object> first = declared.entrySet().iterator().next();
			throw new InvalidJobDefinitionException(file, key + "." + first.getKey(), String.valueOf(first.getValue()),
					"no type here: only a custom object's custom fields (names ending in __c) declare one");
		}
		SalesforceType.Kind kind = (mapping.type() != null) ? mapping.type() : SalesforceType.Kind.STRING;
		return new SalesforceType(kind, length(file, key, kind, mapping.length()),
				values(file, key, kind, mapping.values()),
				externalId(file, key, kind, Boolean.TRUE.equals(mapping.externalId())));
	}

	private static int length(String file, String key, SalesforceType.Kind kind, @Nullable Integer length) {
		int max = switch (kind) {
			case STRING -> 255;
			case TEXTAREA -> 131072;
			default -> 0;
		};
		if (length == null) {
			// Salesforce's Text and Text Area are 255 characters.
			return (max == 0) ? 0 : 255;
		}
		if (max == 0) {
			throw new InvalidJobDefinitionException(file, key + ".length", length.toString(),
					"a length only with type string (1 to 255) or textarea (1 to 131072); type " + kind.id()
							+ " has Salesforce's");
		}
		if (length < 1 || length > max) {
			throw new InvalidJobDefinitionException(file, key + ".length", length.toString(),
					"a whole number from 1 to " + max + " for type " + kind.id());
		}
		return length;
	}

	private static List<String> values(String file, String key, SalesforceType.Kind kind,
			@Nullable List<String> values) {
		if (kind != SalesforceType.Kind.PICKLIST) {
			if (values != null) {
				throw new InvalidJobDefinitionException(file, key + ".values", values.toString(),
						"values only with type picklist");
			}
			return List.of();
		}
		String allowed = "a list of the picklist's distinct values, each 1 to 255 characters, such as [Draft, Sent]";
		if (values == null || values.isEmpty()) {
			throw new InvalidJobDefinitionException(file, key + ".values", "(missing)", allowed);
		}
		Set<String> distinct = new HashSet<>();
		for (String value : values) {
			if (value == null || value.isBlank() || value.length() > 255 || !distinct.add(value)) {
				throw new InvalidJobDefinitionException(file, key + ".values", String.valueOf(value), allowed);
			}
		}
		return values;
	}

	private static boolean externalId(String file, String key, SalesforceType.Kind kind, boolean externalId) {
		if (externalId && !EXTERNAL_ID_KINDS.contains(kind)) {
			throw new InvalidJobDefinitionException(file, key + ".external-id", "true",
					"true only with type string, email, int or double; type " + kind.id() + " cannot be one");
		}
		return externalId;
	}

}
