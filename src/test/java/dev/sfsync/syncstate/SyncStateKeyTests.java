package dev.sfsync.syncstate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync job's name gives its state row's object type and direction the way the rebuild
 * statement derives them: the text after the last dash is the direction, inbound and
 * backfill runs share the inbound row, a reconcile run only its claim, and other jobs
 * have no row.
 */
class SyncStateKeyTests {

	@Test
	void inboundAndBackfillRunsShareTheInboundRowOfTheirObjectType() {
		assertThat(SyncStates.Key.of("campaign-member-inbound", "acme"))
			.contains(new SyncStates.Key("acme", "campaign-member", SyncState.INBOUND, false));
		assertThat(SyncStates.Key.of("campaign-member-backfill", "acme"))
			.contains(new SyncStates.Key("acme", "campaign-member", SyncState.INBOUND, false));
		assertThat(SyncStates.Key.of("contact-outbound", "acme"))
			.contains(new SyncStates.Key("acme", "contact", SyncState.OUTBOUND, false));
	}

	@Test
	void aReconcileRunTakesTheInboundClaimAndMovesNothingElseInTheRow() {
		assertThat(SyncStates.Key.of("campaign-member-reconcile", "acme"))
			.contains(new SyncStates.Key("acme", "campaign-member", SyncState.INBOUND, true));
	}

	@Test
	void jobsThatAreNotSyncJobsHaveNoRow() {
		assertThat(SyncStates.Key.of("activity-retention", "acme")).isEmpty();
		assertThat(SyncStates.Key.of("inbound", "acme")).isEmpty();
		assertThat(SyncStates.Key.of("-inbound", "acme")).isEmpty();
	}

}
