package dev.sfsync.emulator;

import java.util.concurrent.atomic.AtomicLong;

import dev.sfsync.salesforce.SalesforceId;

/**
 * Hands out an org's record Ids: a key prefix, two org characters and a base-62 counter,
 * with the 18-character checksum suffix, as Salesforce's own Ids look.
 */
final class IdSequence {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private final String orgChars;

	private final AtomicLong counter = new AtomicLong();

	IdSequence(String orgChars) {
		if (orgChars.length() != 2) {
			throw new IllegalArgumentException("Two org characters expected; got '" + orgChars + "'");
		}
		this.orgChars = orgChars;
	}

	String next(String keyPrefix) {
		long value = this.counter.incrementAndGet();
		char[] digits = new char[10];
		for (int i = digits.length - 1; i >= 0; i--) {
			digits[i] = BASE62.charAt((int) (value % 62));
			value /= 62;
		}
		return SalesforceId.to18(keyPrefix + this.orgChars + new String(digits));
	}

}
