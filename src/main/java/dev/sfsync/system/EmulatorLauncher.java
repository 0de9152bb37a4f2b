package dev.sfsync.system;

import dev.sfsync.emulator.Emulator;
import dev.sfsync.emulator.EmulatorProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the Salesforce emulator next to sfsync when the local default asks for it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sfsync.emulator.enabled")
class EmulatorLauncher {

	@Bean(destroyMethod = "close")
	Emulator emulator(EmulatorProperties properties) {
		return Emulator.start(properties);
	}

}
