package dev.sfsync.k8s;

import java.util.Arrays;

/**
 * Turns the Quartz cron of a job definition (with seconds) into the five fields of a
 * Kubernetes CronJob's schedule, and refuses what the five fields cannot say.
 */
final class KubernetesCron {

	private KubernetesCron() {
	}

	static String fromQuartz(String quartz) {
		String[] fields = quartz.strip().split("\\s+");
		if (fields.length < 6 || fields.length > 7) {
			throw new IllegalArgumentException(
					"'" + quartz + "' is not a Quartz cron expression: expected 6 or 7 fields"
							+ " (second minute hour day-of-month month day-of-week [year])");
		}
		String second = fields[0];
		String dayOfMonth = fields[3];
		String dayOfWeek = fields[5];
		if (!second.equals("0")) {
			throw new IllegalArgumentException(
					"'" + quartz + "' runs at second '" + second + "'; Kubernetes schedules whole minutes only");
		}
		if (fields.length == 7 && !fields[6].equals("*")) {
			throw new IllegalArgumentException(
					"'" + quartz + "' names a year; Kubernetes schedules have no year field");
		}
		if (dayOfMonth.contains("L") || dayOfMonth.contains("W")) {
			throw new IllegalArgumentException(
					"'" + quartz + "' uses Quartz's L or W in the day of month; Kubernetes has no equivalent");
		}
		// Quartz numbers the days of the week 1 (Sunday) to 7, Kubernetes 0 (Sunday) to
		// 6;
		// names mean the same day in both, and "6L" or "6#3" have no Kubernetes form.
		if (dayOfWeek.matches(".*\\d.*") || dayOfWeek.equals("L")) {
			throw new IllegalArgumentException("'" + quartz + "' gives the day of week as '" + dayOfWeek
					+ "'; write it with names (MON-FRI) so it means the same in Quartz and Kubernetes");
		}
		return String.join(" ", Arrays.asList(fields[1], fields[2], anyFor(dayOfMonth), fields[4], anyFor(dayOfWeek)));
	}

	/** Quartz's "no specific value" is Kubernetes' "any". */
	private static String anyFor(String field) {
		return field.equals("?") ? "*" : field;
	}

}
