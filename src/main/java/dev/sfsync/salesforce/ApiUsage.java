package dev.sfsync.salesforce;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A connection's API usage as Salesforce last reported it in {@code Sforce-Limit-Info}.
 *
 * @param used the calls used in the last 24 hours
 * @param max the daily allocation
 */
public record ApiUsage(long used, long max) {

	private static final Pattern HEADER = Pattern.compile("(?<![\\w-])api-usage=(\\d+)/(\\d+)");

	/**
	 * The usage in a {@code Sforce-Limit-Info} header, such as
	 * {@code api-usage=10018/100000}.
	 */
	public static Optional<ApiUsage> parse(@Nullable String header) {
		if (header == null) {
			return Optional.empty();
		}
		Matcher matcher = HEADER.matcher(header);
		return matcher.find()
				? Optional.of(new ApiUsage(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))))
				: Optional.empty();
	}

	/**
	 * The context keys a step's API usage is saved under, for operators and the activity
	 * page.
	 */
	public static final String USED_KEY = "salesforce.api.used";

	public static final String MAX_KEY = "salesforce.api.max";

	/** Saves the usage the client last saw in a step's context, at each chunk commit. */
	static void save(SalesforceClient client, ExecutionContext context) {
		client.apiUsage().ifPresent((usage) -> {
			context.putLong(USED_KEY, usage.used());
			context.putLong(MAX_KEY, usage.max());
		});
	}

	/** The share of the allocation used, from 0 to 1. */
	public double share() {
		return (this.max > 0) ? (double) this.used / this.max : 0;
	}

}
