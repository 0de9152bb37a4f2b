package dev.sfsync.soql;

import java.util.Optional;

/**
 * The objects a query may name, implemented by the emulator over its metadata so that the
 * parser depends on nothing else in the emulator.
 */
public interface SoqlSchema {

	/**
	 * The object with this API name, matched case-insensitively as Salesforce does.
	 * @param name the name as the query spells it
	 * @return the object, or empty when there is none
	 */
	Optional<SoqlObject> object(String name);

}
