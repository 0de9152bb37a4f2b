package dev.sfsync.tenancy;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a signed-in user may do. {@code PLATFORM} is the deployment's operators: every
 * connection, the system jobs and the metrics. A tenant's {@code ADMIN} views and exports
 * its connections' activity, reconnects them and changes their settings; a tenant's
 * {@code OPERATOR} can also start, stop, restart and recover their runs and re-queue
 * their failed changes. {@code METRICS} only scrapes the metrics.
 */
public enum Role {

	ADMIN, OPERATOR, PLATFORM, METRICS;

	/** The Spring Security authority of the role, such as {@code ROLE_ADMIN}. */
	public String authority() {
		return "ROLE_" + name();
	}

	/** The roles a user with this role has too: PLATFORM ⊃ OPERATOR ⊃ ADMIN. */
	Set<Role> implied() {
		return switch (this) {
			case PLATFORM -> EnumSet.allOf(Role.class);
			case OPERATOR -> EnumSet.of(OPERATOR, ADMIN);
			case ADMIN -> EnumSet.of(ADMIN);
			case METRICS -> EnumSet.of(METRICS);
		};
	}

}
