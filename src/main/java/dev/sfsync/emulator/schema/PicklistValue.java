package dev.sfsync.emulator.schema;

/**
 * One value of a picklist field, as describe lists it in {@code picklistValues}.
 *
 * @param value the API value stored in records
 * @param label the label shown to users
 * @param active whether the value may still be chosen; a restricted picklist accepts only
 * active values
 * @param defaultValue whether new records get this value when none is given
 */
public record PicklistValue(String value, String label, boolean active, boolean defaultValue) {

	public PicklistValue {
		if (value.isBlank()) {
			throw new IllegalArgumentException("A picklist value must not be blank");
		}
	}

	/** An active, non-default value labelled as it is stored. */
	public static PicklistValue of(String value) {
		return new PicklistValue(value, value, true, false);
	}

	PicklistValue asDefault(boolean defaultValue) {
		return new PicklistValue(this.value, this.label, this.active, defaultValue);
	}

}
