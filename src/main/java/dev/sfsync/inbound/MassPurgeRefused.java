package dev.sfsync.inbound;

import dev.sfsync.outcome.ClassifiedFailure;
import dev.sfsync.outcome.RunFailureCause;

/**
 * A reconcile that found more of the app's records gone from Salesforce than
 * {@code sfsync.inbound.reconcile-max-purged} allows, and deleted nothing. So many
 * records gone at once more likely means the integration user lost read access than a
 * purge, so the run fails as "Insufficient permissions", with the counts and what to do
 * in its detail, not as an unknown error.
 */
final class MassPurgeRefused extends IllegalStateException implements ClassifiedFailure {

	MassPurgeRefused(String message) {
		super(message);
	}

	@Override
	public RunFailureCause runFailureCause() {
		return RunFailureCause.INSUFFICIENT_PERMISSIONS;
	}

}
