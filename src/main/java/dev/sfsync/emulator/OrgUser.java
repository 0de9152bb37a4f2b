package dev.sfsync.emulator;

import java.util.Set;

/**
 * A user of an emulated org, with the permissions the emulator enforces.
 *
 * @param id the User record Id (prefix 005)
 * @param username the login name
 * @param password the password for the username-password flow
 * @param email the user's email
 * @param apiEnabled whether the user may call the API at all
 * @param unreadableObjects objects this user cannot read (object-level security)
 * @param readOnlyObjects objects this user can read but not create, edit or delete
 * @param readOnlyFields fields ({@code Object.Field}) this user cannot edit (field-level
 * security)
 */
record OrgUser(String id, String username, String password, String email, boolean apiEnabled,
		Set<String> unreadableObjects, Set<String> readOnlyObjects, Set<String> readOnlyFields) {

	OrgUser {
		unreadableObjects = Set.copyOf(unreadableObjects);
		readOnlyObjects = Set.copyOf(readOnlyObjects);
		readOnlyFields = Set.copyOf(readOnlyFields);
	}

	static OrgUser withFullAccess(String id, String username, String password, String email) {
		return new OrgUser(id, username, password, email, true, Set.of(), Set.of(), Set.of());
	}

	boolean canRead(String objectName) {
		return !this.unreadableObjects.contains(objectName);
	}

	boolean canWrite(String objectName) {
		return canRead(objectName) && !this.readOnlyObjects.contains(objectName);
	}

	boolean canEdit(String objectName, String fieldName) {
		return canWrite(objectName) && !this.readOnlyFields.contains(objectName + "." + fieldName);
	}

	@Override
	public String toString() {
		return "OrgUser[id=" + this.id + ", username=" + this.username + "]";
	}

}
