package dev.sfsync.catalog;

import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The raw shape of a {@code jobs/*.yaml} file as written by people, before validation
 * turns it into a {@link JobDefinition}.
 */
record JobFile(@Nullable String object, @Nullable String table, @Nullable String schedule, @Nullable Boolean outbound,
		@Nullable SizesFile sizes, @Nullable List<SyncRule> rules, @Nullable LinkedHashMap<String, FieldFile> fields,
		@Nullable List<String> label, @JsonProperty("key-column") @Nullable String keyColumn,
		@Nullable LinkedHashMap<String, String> fixed, @Nullable List<ReferenceFile> references) {

	record SizesFile(@Nullable Integer page, @Nullable Integer chunk, @Nullable Integer backfill,
			@JsonProperty("outbound-batch") @Nullable Integer outboundBatch) {
	}

	record ReferenceFile(@Nullable String field, @Nullable String column, @Nullable List<String> to) {
	}

	record FieldFile(@Nullable String column, @Nullable FieldDirection direction, @Nullable Boolean required,
			SalesforceType.@Nullable Kind type, @Nullable Integer length, @Nullable List<String> values,
			@JsonProperty("external-id") @Nullable Boolean externalId) {
	}

}
