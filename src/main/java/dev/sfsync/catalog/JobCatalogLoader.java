package dev.sfsync.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads {@code jobs/*.yaml} and validates every file, so that a bad definition stops
 * startup with a message that names the file, the key, the bad value and what is allowed.
 */
public final class JobCatalogLoader {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(__c)?");

	private static final Pattern SALESFORCE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

	private static final Pattern FIXED_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private final YAMLMapper mapper = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/**
	 * Loads every {@code *.yaml} file under a location such as {@code classpath:jobs/} or
	 * {@code file:/etc/sfsync/jobs/}.
	 */
	public JobCatalog load(String location) {
		String pattern = (location.endsWith("/") ? location : location + "/") + "*.yaml";
		Resource[] resources;
		try {
			resources = new PathMatchingResourcePatternResolver().getResources(pattern);
		}
		catch (IOException ex) {
			throw new InvalidJobDefinitionException(location, "the job catalog cannot be listed: " + ex.getMessage());
		}
		if (resources.length == 0) {
			throw new InvalidJobDefinitionException(location,
					"no job definitions found; expected one <object-type>.yaml file per object type");
		}
		List<JobDefinition> definitions = new ArrayList<>();
		for (Resource resource : Arrays.stream(resources)
			.sorted(Comparator.comparing(Resource::getFilename, Comparator.nullsFirst(Comparator.naturalOrder())))
			.toList()) {
			definitions.add(read(resource));
		}
		return new JobCatalog(withoutDuplicates(definitions));
	}

	JobDefinition read(Resource resource) {
		String fileName = (resource.getFilename() != null) ? resource.getFilename() : resource.getDescription();
		String file = "jobs/" + fileName;
		String content;
		try (InputStream in = resource.getInputStream()) {
			content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new InvalidJobDefinitionException(file, "it cannot be read: " + ex.getMessage());
		}
		if (content.lines().allMatch((line) -> line.isBlank() || line.strip().startsWith("#"))) {
			throw new InvalidJobDefinitionException(file,
					"the file is empty; expected the keys object, table, schedule and fields");
		}
		JobFile raw;
		try {
			raw = this.mapper.readValue(content, JobFile.class);
		}
		catch (JacksonException ex) {
			throw translate(file, ex);
		}
		String name = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - ".yaml".length())
				: fileName;
		return validate(file, name, raw);
	}

	private JobDefinition validate(String file, String name, JobFile raw) {
		if (!NAME.matcher(name).matches()) {
			throw new InvalidJobDefinitionException(file, "(file name)", name,
					"a kebab-case object type name such as contact, opportunity-contact-role or invoice__c");
		}
		String object = required(file, "object", raw.object(),
				"a Salesforce object API name such as Contact or Invoice__c");
		if (!SALESFORCE_NAME.matcher(object).matches()) {
			throw new InvalidJobDefinitionException(file, "object", object,
					"a Salesforce object API name such as Contact or Invoice__c");
		}
		String table = required(file, "table", raw.table(), "an app table name such as contacts");
		if (!COLUMN.matcher(table).matches()) {
			throw new InvalidJobDefinitionException(file, "table", table,
					"a lower-case table name of letters, digits and underscores");
		}
		String schedule = required(file, "schedule", raw.schedule(),
				"a Quartz cron expression such as \"0 */15 * * * ?\"");
		try {
			CronExpression.validateExpression(schedule);
		}
		catch (java.text.ParseException ex) {
			throw new InvalidJobDefinitionException(file, "schedule", schedule,
					"a Quartz cron expression with seconds, such as \"0 */15 * * * ?\" (" + ex.getMessage() + ")");
		}
		List<FieldMapping> fields = fields(file, object, raw);
		return new JobDefinition(name, object, table, fields, rules(raw), schedule, sizes(file, raw.sizes()),
				Boolean.TRUE.equals(raw.outbound()), file, label(file, raw, fields), app(file, raw, fields));
	}

	/**
	 * Where the object's rows sit in their table: each name an identifier, the fixed
	 * columns not mapped ones, each reference a mapped field.
	 */
	private static AppKeys app(String file, JobFile raw, List<FieldMapping> fields) {
		String key = (raw.keyColumn() != null) ? raw.keyColumn() : AppKeys.DEFAULTS.keyColumn();
		if (!COLUMN.matcher(key).matches()) {
			throw new InvalidJobDefinitionException(file, "key-column", key,
					"a lower-case column name of letters, digits and underscores");
		}
		Map<String, String> fixed = new LinkedHashMap<>();
		if (raw.fixed() != null) {
			raw.fixed().forEach((column, value) -> {
				if (!COLUMN.matcher(column).matches()
						|| fields.stream().anyMatch((mapping) -> mapping.column().equals(column))) {
					throw new InvalidJobDefinitionException(file, "fixed." + column, column,
							"a column name of letters, digits and underscores that no field maps");
				}
				// The value goes into the outbox triggers' SQL, which takes no
				// parameters.
				if (value == null || !FIXED_VALUE.matcher(value).matches()) {
					throw new InvalidJobDefinitionException(file, "fixed." + column, String.valueOf(value),
							"a value of 1 to 64 letters, digits, underscores or hyphens");
				}
				fixed.put(column, value);
			});
		}
		List<AppKeys.Reference> references = new ArrayList<>();
		if (raw.references() != null) {
			for (int i = 0; i < raw.references().size(); i++) {
				JobFile.ReferenceFile reference = raw.references().get(i);
				String at = "references[" + i + "]";
				String expected = "{ field: <a mapped reference field>, column: <app foreign key>, to: [<object>, ...] }";
				if (reference == null || reference.field() == null || reference.column() == null
						|| reference.to() == null || reference.to().isEmpty()) {
					throw new InvalidJobDefinitionException(file, at, "(incomplete)", expected);
				}
				String field = reference.field();
				if (fields.stream().noneMatch((mapping) -> mapping.salesforceField().equals(field))) {
					throw new InvalidJobDefinitionException(file, at + ".field", field, "a field this file maps");
				}
				if (!COLUMN.matcher(reference.column()).matches()) {
					throw new InvalidJobDefinitionException(file, at + ".column", reference.column(),
							"a lower-case column name of letters, digits and underscores");
				}
				for (String to : reference.to()) {
					if (to == null || !SALESFORCE_NAME.matcher(to).matches()) {
						throw new InvalidJobDefinitionException(file, at + ".to", String.valueOf(to),
								"a list of Salesforce object API names such as [Contact, Lead]");
					}
				}
				references.add(new AppKeys.Reference(field, reference.column(), reference.to()));
			}
		}
		return new AppKeys(key, fixed, references);
	}

	/** The fields that name a record: each one a mapped field, or the default. */
	private static List<String> label(String file, JobFile raw, List<FieldMapping> fields) {
		if (raw.label() == null) {
			return JobDefinition.defaultLabel(fields);
		}
		for (String field : raw.label()) {
			if (fields.stream().noneMatch((mapping) -> mapping.salesforceField().equals(field))) {
				throw new InvalidJobDefinitionException(file, "label", String.valueOf(field),
						"a list of this file's mapped Salesforce fields, such as [FirstName, LastName, Email]");
			}
		}
		return List.copyOf(raw.label());
	}

	private List<FieldMapping> fields(String file, String object, JobFile raw) {
		if (raw.fields() == null || raw.fields().isEmpty()) {
			throw new InvalidJobDefinitionException(file, "fields", "(missing)",
					"a map of Salesforce field to { column, direction }, with at least one field");
		}
		List<FieldMapping> fields = new ArrayList<>();
		Map<String, String> columns = new HashMap<>();
		raw.fields().forEach((field, mapping) -> {
			String key = "fields." + field;
			if (!SALESFORCE_NAME.matcher(field).matches()) {
				throw new InvalidJobDefinitionException(file, key, field, "a Salesforce field API name");
			}
			if (mapping == null) {
				throw new InvalidJobDefinitionException(file, key, "(empty)",
						"{ column: <app column>, direction: in|out|both, required: true|false }");
			}
			String column = required(file, key + ".column", mapping.column(), "an app column name");
			if (!COLUMN.matcher(column).matches()) {
				throw new InvalidJobDefinitionException(file, key + ".column", column,
						"a lower-case column name of letters, digits and underscores");
			}
			String previous = columns.putIfAbsent(column, field);
			if (previous != null) {
				throw new InvalidJobDefinitionException(file, key + ".column", column,
						"a column not already mapped (fields." + previous + " maps to it)");
			}
			if (mapping.direction() == null) {
				throw new InvalidJobDefinitionException(file, key + ".direction", "(missing)", "one of in, out, both");
			}
			fields.add(new FieldMapping(field, column, mapping.direction(), Boolean.TRUE.equals(mapping.required()),
					SalesforceTypes.read(file, key, object, field, mapping)));
		});
		return List.copyOf(fields);
	}

	private Set<SyncRule> rules(JobFile raw) {
		if (raw.rules() == null || raw.rules().isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(EnumSet.copyOf(raw.rules()));
	}

	private Sizes sizes(String file, JobFile.@Nullable SizesFile raw) {
		Sizes defaults = Sizes.DEFAULTS;
		if (raw == null) {
			return defaults;
		}
		return new Sizes(size(file, "sizes.page", raw.page(), defaults.page(), 200, 2000),
				size(file, "sizes.chunk", raw.chunk(), defaults.chunk(), 1, 10000),
				size(file, "sizes.backfill", raw.backfill(), defaults.backfill(), 1000, 100000),
				size(file, "sizes.outbound-batch", raw.outboundBatch(), defaults.outboundBatch(), 1, 200));
	}

	private int size(String file, String key, @Nullable Integer value, int defaultValue, int min, int max) {
		if (value == null) {
			return defaultValue;
		}
		if (value < min || value > max) {
			throw new InvalidJobDefinitionException(file, key, value.toString(),
					"a whole number from " + min + " to " + max);
		}
		return value;
	}

	private String required(String file, String key, @Nullable String value, String allowed) {
		if (value == null || value.isBlank()) {
			throw new InvalidJobDefinitionException(file, key, "(missing)", allowed);
		}
		return value.strip();
	}

	private List<JobDefinition> withoutDuplicates(List<JobDefinition> definitions) {
		Map<String, JobDefinition> byObject = new HashMap<>();
		for (JobDefinition definition : definitions) {
			JobDefinition other = byObject.putIfAbsent(definition.salesforceObject().toLowerCase(), definition);
			if (other != null) {
				throw new InvalidJobDefinitionException(definition.source(), "object", definition.salesforceObject(),
						"an object not defined by another file (" + other.source() + " already defines it)");
			}
		}
		return List.copyOf(definitions);
	}

	private InvalidJobDefinitionException translate(String file, JacksonException ex) {
		String key = ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
		if (ex instanceof UnrecognizedPropertyException unknown) {
			Set<String> known = new LinkedHashSet<>();
			unknown.getKnownPropertyIds().forEach((id) -> known.add(id.toString()));
			return new InvalidJobDefinitionException(file, key, "(unknown key)",
					"one of " + String.join(", ", known.stream().sorted().toList()));
		}
		if (ex instanceof InvalidFormatException invalid) {
			Class<?> target = invalid.getTargetType();
			String allowed = (target != null && target.isEnum()) ? "one of " + Arrays.stream(target.getEnumConstants())
				.map(Object::toString)
				.map(JobCatalogLoader::enumValue)
				.collect(Collectors.joining(", ")) : describe(target);
			return new InvalidJobDefinitionException(file, key, String.valueOf(invalid.getValue()), allowed);
		}
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " : "";
		String subject = key.isEmpty() ? "" : "key '" + key + "': ";
		return new InvalidJobDefinitionException(file, where + subject + "not valid here (" + ex.getOriginalMessage()
				+ "); see an existing file in jobs/ for the expected shape");
	}

	private static String enumValue(String constant) {
		return constant.toLowerCase().replace('_', '-');
	}

	private static String describe(@Nullable Class<?> type) {
		if (type == Integer.class || type == int.class) {
			return "a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		return "a " + ((type != null) ? type.getSimpleName() : "value");
	}

}
