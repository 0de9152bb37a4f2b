package dev.sfsync.system;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Development-only leniency applies when every profile sfsync runs under is a development
 * one, the default ({@code local}) counting when none is active.
 */
class RunningProfilesTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void theDefaultProfileCountsWhenNoneIsActive() {
		this.environment.setDefaultProfiles("local");

		assertThat(RunningProfiles.onlyAmong(this.environment, Set.of("local"))).isTrue();
	}

	@Test
	void anyOtherActiveProfileIsNotDevelopment() {
		this.environment.setDefaultProfiles("local");
		this.environment.setActiveProfiles("local", "production");

		assertThat(RunningProfiles.onlyAmong(this.environment, Set.of("local", "test"))).isFalse();
		assertThat(RunningProfiles.describe(this.environment)).isEqualTo("[local, production]");
	}

}
