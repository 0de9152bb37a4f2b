package dev.sfsync.activity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sync activity settings.
 *
 * @param retention how long runs and record outcomes are kept before the
 * {@code activity-retention} job deletes them
 * @param retentionChunkSize rows deleted per transaction, small so running syncs are
 * never locked out for long
 */
@ConfigurationProperties("sfsync.activity")
public record ActivityProperties(@DefaultValue("30d") Duration retention, @DefaultValue("500") int retentionChunkSize) {

	public ActivityProperties {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException(
					"sfsync.activity.retention must be at least 1d so a day's runs stay visible; was " + retention);
		}
		if (retentionChunkSize < 1 || retentionChunkSize > 10000) {
			throw new IllegalArgumentException(
					"sfsync.activity.retention-chunk-size must be from 1 to 10000; was " + retentionChunkSize);
		}
	}

}
