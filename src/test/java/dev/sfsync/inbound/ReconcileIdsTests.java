package dev.sfsync.inbound;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.sfsync.salesforce.SalesforceId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Ids a reconcile holds in memory: found again by their 15 or 18 characters, letter
 * case and all, with their SystemModstamp to the microsecond and IsDeleted, and the ones
 * no app row had listed at the end.
 */
class ReconcileIdsTests {

	@Test
	void idsAreFoundByTheirCaseSensitiveCharactersWithWhatSalesforceSaidOfThem() {
		ReconcileIds ids = new ReconcileIds();
		LocalDateTime stamp = LocalDateTime.parse("2026-12-07T10:15:30.123456");
		ids.add("003AB000000abcD", stamp, false);
		ids.add(SalesforceId.to18("003AB000000ABCd"), null, true);

		int lower = ids.see(SalesforceId.to18("003AB000000abcD"));
		assertThat(lower).isNotNegative();
		assertThat(ids.id(lower)).isEqualTo(SalesforceId.to18("003AB000000abcD"));
		assertThat(ids.modstamp(lower)).isEqualTo(stamp);
		assertThat(ids.deleted(lower)).isFalse();
		assertThat(ids.newerThan(lower, stamp.minusNanos(1000))).as("an app row a microsecond older").isTrue();
		assertThat(ids.newerThan(lower, stamp)).as("an app row of the same version").isFalse();
		assertThat(ids.newerThan(lower, null)).isTrue();
		int upper = ids.see("003AB000000ABCd");
		assertThat(upper).isNotEqualTo(lower);
		assertThat(ids.modstamp(upper)).isNull();
		assertThat(ids.newerThan(upper, stamp)).as("a SystemModstamp Salesforce gave none of").isTrue();
		assertThat(ids.deleted(upper)).isTrue();
		assertThat(ids.see("003AB000000abcX")).as("an Id Salesforce does not have").isNegative();
		assertThat(ids.see("not an id")).isNegative();
		assertThat(ids.see(null)).isNegative();
		String wrongSuffix = SalesforceId.to18("003AB000000abcD").substring(0, 15) + "AAA";
		assertThat(ids.see(wrongSuffix)).as("18 characters whose suffix is not their checksum").isNegative();
	}

	@Test
	void manyIdsGrowTheTableAndTheOnesNoAppRowHadAreListed() {
		ReconcileIds ids = new ReconcileIds();
		List<String> all = new ArrayList<>();
		for (long sequence = 0; sequence < 200_000; sequence++) {
			String id = SalesforceId.of("003", "Zz", sequence * 7919).toString();
			all.add(id);
			ids.add(id, null, false);
		}
		ids.add(all.get(0), null, true);
		assertThat(ids.size()).as("an Id given twice is held once").isEqualTo(200_000);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < all.size(); i += 2) {
			assertThat(ids.see(all.get(i))).isNotNegative();
			seen.add(all.get(i));
		}
		assertThat(ids.deleted(ids.see(all.get(0)))).as("the last one given wins").isTrue();
		Set<String> unseen = new HashSet<>();
		for (int slot = ids.nextUnseen(0); slot >= 0; slot = ids.nextUnseen(slot + 1)) {
			unseen.add(ids.id(slot));
		}
		assertThat(unseen).hasSize(100_000);
		assertThat(Collections.disjoint(unseen, seen)).isTrue();
	}

}
