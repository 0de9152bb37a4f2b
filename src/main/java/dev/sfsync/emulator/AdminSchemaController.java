package dev.sfsync.emulator;

import java.util.List;
import java.util.Map;

import dev.sfsync.emulator.schema.CustomObjectDefinition;
import dev.sfsync.emulator.schema.FieldSchema;
import dev.sfsync.emulator.schema.FieldType;
import dev.sfsync.emulator.schema.ObjectSchema;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API's Setup side: custom objects and custom fields added or deleted at
 * runtime, so that schema drift can be exercised. Describe changes with them
 * ({@code Last-Modified} moves).
 */
@RestController
class AdminSchemaController {

	private final Orgs orgs;

	AdminSchemaController(Orgs orgs) {
		this.orgs = orgs;
	}

	/**
	 * A custom field: its describe type name ({@code string}, {@code email},
	 * {@code picklist} …).
	 */
	record NewField(String name, String type, @Nullable String label, @Nullable Integer length,
			@Nullable List<String> picklistValues, @Nullable Boolean restrictedPicklist, @Nullable Boolean externalId,
			@Nullable Boolean required) {
	}

	/**
	 * A custom object and its custom fields; or, with {@code standard}, a standard object
	 * the emulator does not ship, with its standard fields.
	 */
	record NewObject(String name, @Nullable String label, @Nullable String labelPlural, @Nullable List<NewField> fields,
			@Nullable Boolean standard) {
	}

	@PostMapping("/emulator/orgs/{orgId}/objects")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> defineObject(@PathVariable String orgId, @RequestBody NewObject request) {
		Org org = find(orgId);
		String label = (request.label() != null) ? request.label() : request.name().replace("__c", "");
		List<FieldSchema> fields = (request.fields() != null) ? request.fields().stream().map(this::field).toList()
				: List.of();
		ObjectSchema object = org.data()
			.defineObject(new CustomObjectDefinition(request.name(), label,
					(request.labelPlural() != null) ? request.labelPlural() : label + "s", fields,
					Boolean.TRUE.equals(request.standard())));
		return Map.of("name", object.name(), "keyPrefix", object.keyPrefix());
	}

	@PostMapping("/emulator/orgs/{orgId}/objects/{type}/fields")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> addField(@PathVariable String orgId, @PathVariable String type, @RequestBody NewField request) {
		Org org = find(orgId);
		FieldSchema field = field(request);
		org.data().addField(type, field);
		return Map.of("object", org.data().requireTable(type).name(), "field", field.name());
	}

	@DeleteMapping("/emulator/orgs/{orgId}/objects/{type}/fields/{field}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void removeField(@PathVariable String orgId, @PathVariable String type, @PathVariable String field) {
		find(orgId).data().removeField(type, field);
	}

	private FieldSchema field(NewField request) {
		if (request.name() == null || request.type() == null) {
			throw new IllegalArgumentException("A field needs a name and a type");
		}
		FieldType type = FieldType.fromDescribeName(request.type())
			.orElseThrow(() -> new IllegalArgumentException("Unknown field type " + request.type()));
		FieldSchema.Builder builder = FieldSchema.builder(request.name(), type);
		if (request.label() != null) {
			builder.label(request.label());
		}
		if (request.length() != null) {
			builder.length(request.length());
		}
		if (request.picklistValues() != null) {
			builder.picklist(request.picklistValues().toArray(String[]::new));
		}
		if (Boolean.TRUE.equals(request.restrictedPicklist())) {
			builder.restrictedPicklist();
		}
		if (Boolean.TRUE.equals(request.externalId())) {
			builder.externalId();
		}
		if (Boolean.TRUE.equals(request.required())) {
			builder.required();
		}
		return builder.build();
	}

	private Org find(String orgId) {
		return this.orgs.find(orgId).orElseThrow(SalesforceApiException::notFound);
	}

}
