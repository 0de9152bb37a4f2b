package dev.sfsync.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the job catalog is read from.
 *
 * @param location the folder of {@code *.yaml} definitions, as a Spring resource location
 * ({@code classpath:jobs/} is the catalog shipped in the jar)
 */
@ConfigurationProperties("sfsync.catalog")
public record CatalogProperties(@DefaultValue("classpath:jobs/") String location) {
}
