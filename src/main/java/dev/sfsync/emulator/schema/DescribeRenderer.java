package dev.sfsync.emulator.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Renders the catalog's objects as the REST API's describe JSON: {@code GET /sobjects}
 * (describeGlobal) and {@code GET /sobjects/{T}/describe}. Every key a real org sends is
 * present even when its value is null or fixed, because clients such as jsforce read them
 * unconditionally; keys are in alphabetical order, as Salesforce sends them. Values may
 * be null; serialise the maps with a mapper that keeps null values.
 */
public final class DescribeRenderer {

	// Objects without record types still describe the master record type.
	private static final String MASTER_RECORD_TYPE_ID = "012000000000000AAA";

	private static final Pattern API_VERSION = Pattern.compile("v?\\d{2,3}\\.\\d");

	private final SchemaCatalog catalog;

	public DescribeRenderer(SchemaCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * The body of {@code GET /services/data/vXX.X/sobjects}.
	 * @param apiVersion the API version of the request, {@code 63.0} or {@code v63.0}
	 * @return {@code encoding}, {@code maxBatchSize} and one entry per object
	 */
	public Map<String, @Nullable Object> describeGlobal(String apiVersion) {
		Map<String, @Nullable Object> global = new TreeMap<>();
		global.put("encoding", "UTF-8");
		global.put("maxBatchSize", 200);
		global.put("sobjects",
				this.catalog.objects().stream().map((object) -> describeGlobalEntry(object, apiVersion)).toList());
		return readOnly(global);
	}

	/**
	 * One object's entry in {@code GET /sobjects}.
	 * @param object the object
	 * @param apiVersion the API version of the request, {@code 63.0} or {@code v63.0}
	 * @return the entry
	 */
	public Map<String, @Nullable Object> describeGlobalEntry(ObjectSchema object, String apiVersion) {
		Map<String, @Nullable Object> entry = objectProperties(object);
		entry.put("urls", urls(object, version(apiVersion)));
		return readOnly(entry);
	}

	/**
	 * The body of {@code GET /services/data/vXX.X/sobjects/{T}/describe}.
	 * @param object the object
	 * @param apiVersion the API version of the request, {@code 63.0} or {@code v63.0}
	 * @return the describe result, fields in the object's order
	 */
	public Map<String, @Nullable Object> describe(ObjectSchema object, String apiVersion) {
		String version = version(apiVersion);
		Map<String, @Nullable Object> describe = objectProperties(object);
		describe.put("childRelationships",
				this.catalog.childRelationships(object.name())
					.stream()
					.map(DescribeRenderer::childRelationship)
					.toList());
		describe.put("fields", object.fields().stream().map(DescribeRenderer::field).toList());
		describe.put("recordTypeInfos", List.of(masterRecordType(object, version)));
		describe.put("urls", urls(object, version));
		return readOnly(describe);
	}

	/** One entry of a describe's {@code fields}, with every key Salesforce sends. */
	static Map<String, @Nullable Object> field(FieldSchema field) {
		Map<String, @Nullable Object> json = new TreeMap<>();
		json.put("aggregatable", field.sortable());
		json.put("aiPredictionField", false);
		json.put("autoNumber", false);
		json.put("byteLength", field.byteLength());
		json.put("calculated", field.calculated());
		json.put("calculatedFormula", null);
		json.put("cascadeDelete", false);
		json.put("caseSensitive", field.caseSensitive());
		json.put("compoundFieldName", field.compoundFieldName());
		json.put("controllerName", null);
		json.put("createable", field.createable());
		json.put("custom", field.custom());
		json.put("defaultValue", field.defaultValue());
		json.put("defaultValueFormula", null);
		json.put("defaultedOnCreate", field.defaultedOnCreate());
		json.put("dependentPicklist", false);
		json.put("deprecatedAndHidden", false);
		json.put("digits", field.digits());
		json.put("displayLocationInDecimal", false);
		json.put("encrypted", false);
		json.put("externalId", field.externalId());
		json.put("extraTypeInfo", (field.type() == FieldType.TEXTAREA) ? "plaintextarea" : null);
		json.put("filterable", field.filterable());
		json.put("filteredLookupInfo", null);
		json.put("formulaTreatNullNumberAsZero", false);
		json.put("groupable", field.groupable());
		json.put("highScaleNumber", false);
		json.put("htmlFormatted", false);
		json.put("idLookup", field.idLookup());
		json.put("inlineHelpText", null);
		json.put("label", field.label());
		json.put("length", field.length());
		json.put("mask", null);
		json.put("maskType", null);
		json.put("name", field.name());
		json.put("nameField", field.nameField());
		json.put("namePointing", field.isPolymorphic());
		json.put("nillable", field.nillable());
		// Field-level security can only hide fields that are neither required nor system.
		json.put("permissionable", field.nillable() && (field.createable() || field.updateable()));
		json.put("picklistValues", field.picklistValues().stream().map(DescribeRenderer::picklistValue).toList());
		json.put("polymorphicForeignKey", field.isPolymorphic());
		json.put("precision", field.precision());
		json.put("queryByDistance", false);
		json.put("referenceTargetField", null);
		json.put("referenceTo", field.referenceTo());
		json.put("relationshipName", field.relationshipName());
		json.put("relationshipOrder", null);
		json.put("restrictedDelete", false);
		json.put("restrictedPicklist", field.restrictedPicklist());
		json.put("scale", field.scale());
		json.put("searchPrefilterable", false);
		json.put("soapType", field.type().soapType());
		json.put("sortable", field.sortable());
		json.put("type", field.type().describeName());
		json.put("unique", field.unique());
		json.put("updateable", field.updateable());
		json.put("writeRequiresMasterRead", false);
		return readOnly(json);
	}

	private static Map<String, @Nullable Object> objectProperties(ObjectSchema object) {
		Map<String, @Nullable Object> json = new TreeMap<>();
		json.put("activateable", false);
		json.put("createable", object.createable());
		json.put("custom", object.custom());
		json.put("customSetting", false);
		json.put("deletable", object.deletable());
		json.put("deprecatedAndHidden", false);
		json.put("hasSubtypes", false);
		json.put("isInterface", false);
		json.put("isSubtype", false);
		json.put("keyPrefix", object.keyPrefix());
		json.put("label", object.label());
		json.put("labelPlural", object.labelPlural());
		json.put("name", object.name());
		json.put("queryable", object.queryable());
		json.put("replicateable", object.replicateable());
		json.put("retrieveable", object.retrieveable());
		json.put("searchable", object.searchable());
		json.put("triggerable", object.triggerable());
		json.put("undeletable", object.undeletable());
		json.put("updateable", object.updateable());
		return json;
	}

	private static Map<String, @Nullable Object> picklistValue(PicklistValue value) {
		Map<String, @Nullable Object> json = new TreeMap<>();
		json.put("active", value.active());
		json.put("defaultValue", value.defaultValue());
		json.put("label", value.label());
		json.put("validFor", null);
		json.put("value", value.value());
		return readOnly(json);
	}

	private static Map<String, @Nullable Object> childRelationship(ChildRelationship child) {
		Map<String, @Nullable Object> json = new TreeMap<>();
		json.put("cascadeDelete", child.cascadeDelete());
		json.put("childSObject", child.childSObject());
		json.put("deprecatedAndHidden", false);
		json.put("field", child.field());
		json.put("junctionIdListNames", List.of());
		json.put("junctionReferenceTo", List.of());
		json.put("relationshipName", child.relationshipName());
		json.put("restrictedDelete", false);
		return readOnly(json);
	}

	private static Map<String, @Nullable Object> masterRecordType(ObjectSchema object, String version) {
		Map<String, @Nullable Object> json = new TreeMap<>();
		json.put("active", true);
		json.put("available", true);
		json.put("defaultRecordTypeMapping", true);
		json.put("developerName", "Master");
		json.put("master", true);
		json.put("name", "Master");
		json.put("recordTypeId", MASTER_RECORD_TYPE_ID);
		json.put("urls", Map.of("layout", sobjectUrl(object, version) + "/describe/layouts/" + MASTER_RECORD_TYPE_ID));
		return readOnly(json);
	}

	private static Map<String, @Nullable Object> urls(ObjectSchema object, String version) {
		String sobject = sobjectUrl(object, version);
		Map<String, @Nullable Object> urls = new TreeMap<>();
		urls.put("describe", sobject + "/describe");
		urls.put("rowTemplate", sobject + "/{ID}");
		urls.put("sobject", sobject);
		return readOnly(urls);
	}

	private static String sobjectUrl(ObjectSchema object, String version) {
		return "/services/data/" + version + "/sobjects/" + object.name();
	}

	/** The version as it appears in URLs, {@code v63.0}. */
	private static String version(String apiVersion) {
		if (!API_VERSION.matcher(apiVersion).matches()) {
			throw new IllegalArgumentException("'" + apiVersion + "' is not an API version such as 63.0");
		}
		return apiVersion.startsWith("v") ? apiVersion : "v" + apiVersion;
	}

	private static Map<String, @Nullable Object> readOnly(Map<String, @Nullable Object> json) {
		return Collections.unmodifiableMap(json);
	}

}
