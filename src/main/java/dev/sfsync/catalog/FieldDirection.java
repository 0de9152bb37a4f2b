package dev.sfsync.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which way a mapped field flows: read from Salesforce, written to it, or both. */
public enum FieldDirection {

	IN("in"), OUT("out"), BOTH("both");

	private final String value;

	FieldDirection(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	public boolean inbound() {
		return this != OUT;
	}

	public boolean outbound() {
		return this != IN;
	}

}
