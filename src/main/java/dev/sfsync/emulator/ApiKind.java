package dev.sfsync.emulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The kind of API call a REST handler serves, as counted against the org's allocation and
 * reported by the admin API (the benchmarks count calls by kind).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ApiKind {

	String value();

}
