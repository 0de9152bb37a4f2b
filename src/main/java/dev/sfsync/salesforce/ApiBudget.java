package dev.sfsync.salesforce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.sfsync.outcome.RunFailureCause;
import org.jspecify.annotations.Nullable;

/**
 * The share of the org's daily API allocation sfsync allows itself: per run, and in
 * total. A run that reaches either stops visibly as {@code API_LIMIT_EXCEEDED} ("API
 * budget reached") before Salesforce starts refusing calls, never as a silent success.
 *
 * @param perRunShare the share one run may use, for example 0.25
 * @param totalShare the share of the allocation above which no run calls on, for example
 * 0.80
 */
public record ApiBudget(double perRunShare, double totalShare) {

	/** The defaults: 25 % per run, 80 % in total. */
	public static final ApiBudget DEFAULT = new ApiBudget(0.25, 0.80);

	public ApiBudget {
		if (perRunShare <= 0 || perRunShare > 1 || totalShare <= 0 || totalShare > 1) {
			throw new IllegalArgumentException(
					"API budget shares must be above 0 and at most 1; were " + perRunShare + " and " + totalShare);
		}
	}

	/** Whether a usage is over the total budget: no run calls on. */
	boolean overTotal(ApiUsage usage) {
		return usage.max() > 0 && usage.used() >= this.totalShare * usage.max();
	}

	/**
	 * Throws when a call would go over budget.
	 * @param usage what Salesforce last reported
	 * @param usedAtRunStart the usage when the run began, or null if not known yet
	 * @param nextCheck when the usage is read again, for the message
	 */
	void check(@Nullable ApiUsage usage, @Nullable Long usedAtRunStart, Instant nextCheck) {
		if (usage == null || usage.max() <= 0) {
			return;
		}
		if (overTotal(usage)) {
			throw reached(usage, "the total budget of " + percent(this.totalShare),
					"; sfsync reads the usage again from " + nextCheck.truncatedTo(ChronoUnit.SECONDS)
							+ " and runs resume once it is below the budget");
		}
		if (usedAtRunStart != null && usage.used() - usedAtRunStart >= this.perRunShare * usage.max()) {
			throw reached(usage, "this run's budget of " + percent(this.perRunShare),
					"; the next run has a budget of its own");
		}
	}

	private static SalesforceException reached(ApiUsage usage, String which, String next) {
		String message = "API budget reached: " + usage.used() + " of " + usage.max() + " daily API calls used, over "
				+ which + " of the allocation" + next;
		return new SalesforceException(message, 0,
				List.of(new SalesforceError("API_BUDGET_REACHED", message, List.of())),
				SalesforceException.Handling.RUN, RunFailureCause.API_LIMIT_EXCEEDED);
	}

	private static String percent(double share) {
		return Math.round(share * 100) + " %";
	}

}
