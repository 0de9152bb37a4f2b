package dev.sfsync.scheduling;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Spreads a job definition's default schedule over its period, by connection and object
 * type: {@code 0 *}{@code /5 * * * ?} fires every five minutes for every connection, but
 * at a second and a minute of the five that are the connection's own, so a thousand
 * tenants do not poll Salesforce in the same second. The offset is a hash of the key, so
 * it is the same on every replica and after every restart. Only the second and minute
 * fields are moved, and only from {@code 0}: a cron that names other seconds or minutes,
 * and a schedule a connection sets itself, fire exactly as written.
 */
final class CronSpread {

	private static final Pattern EVERY_N_MINUTES = Pattern.compile("(?:\\*|0)/(\\d+)");

	private CronSpread() {
	}

	/** The cron, spread for the key (for example {@code acme/contact}). */
	static String of(String cron, String key) {
		String[] fields = cron.trim().split("\\s+");
		if (fields.length < 6 || !fields[0].equals("0")) {
			return cron;
		}
		long hash = hash(key);
		fields[0] = String.valueOf(hash % 60);
		Matcher every = EVERY_N_MINUTES.matcher(fields[1]);
		if (every.matches()) {
			int period = Integer.parseInt(every.group(1));
			if (period > 0 && period < 60 && 60 % period == 0) {
				fields[1] = (hash / 60) % period + "/" + period;
			}
		}
		else if (fields[1].equals("0") && !fields[2].matches("\\d+(,\\d+)*")) {
			// Every hour, or every few hours: any minute of the hour.
			fields[1] = String.valueOf((hash / 60) % 60);
		}
		return String.join(" ", fields);
	}

	/**
	 * A weekly cron of the key's own: a second, minute and hour of a day of the week, so
	 * a thousand tenants' weekly reconcile runs spread over the week.
	 */
	static String weekly(String key) {
		long hash = hash(key);
		return (hash % 60) + " " + ((hash / 60) % 60) + " " + ((hash / 3600) % 24) + " ? * "
				+ ((hash / 86_400) % 7 + 1);
	}

	private static long hash(String key) {
		CRC32 crc = new CRC32();
		crc.update(key.getBytes(StandardCharsets.UTF_8));
		return crc.getValue();
	}

}
