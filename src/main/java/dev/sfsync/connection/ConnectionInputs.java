package dev.sfsync.connection;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.sfsync.catalog.FieldOverrides;
import dev.sfsync.catalog.InvalidFieldOverrideException;
import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.catalog.SyncRule;
import dev.sfsync.soql.SoqlException;
import dev.sfsync.soql.SoqlParser;
import dev.sfsync.salesforce.ApiVersions;
import dev.sfsync.salesforce.LoginUrls;
import dev.sfsync.salesforce.MissingLoginFieldsException;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

/**
 * Checks what a connection request asks for before it is saved, against allow-lists: the
 * login URL against the allowed login servers, the secret reference against the allowed
 * roots, the API version against the supported ones, and the settings against the catalog
 * (object types, mapped columns, Salesforce field names, SOQL syntax, cron). Each refusal
 * is an {@link InvalidInputException} that names the field, the value and what is
 * allowed.
 */
final class ConnectionInputs {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final List<String> AUTH_FLOWS = List.of(AuthFlow.JWT_BEARER.name(), AuthFlow.REFRESH_TOKEN.name(),
			AuthFlow.USERNAME_PASSWORD.name());

	private static final List<String> SECRETS = List.of("clientSecret", "password", "refreshToken", "privateKey");

	private final LoginUrls loginUrls;

	private final SecretRoots roots;

	private final JobCatalog catalog;

	/**
	 * Refuses a login URL that is not an allowed login server: nothing is sent, and no
	 * browser is sent, anywhere else.
	 */
	void checkLoginUrl(@Nullable String loginUrl) {
		this.loginUrls.refusal(loginUrl).ifPresent((reason) -> {
			throw new InvalidInputException(
					"loginUrl '" + LoginUrls.shown(loginUrl) + "' is not an allowed Salesforce login URL: " + reason,
					"loginUrl", (loginUrl != null) ? LoginUrls.shown(loginUrl) : null, this.loginUrls.allowed());
		});
	}

	ConnectionInputs(LoginUrls loginUrls, SecretRoots roots, JobCatalog catalog) {
		this.loginUrls = loginUrls;
		this.roots = roots;
		this.catalog = catalog;
	}

	/**
	 * Checks a request's fields and settings.
	 * @throws InvalidInputException for the first input that is not allowed
	 */
	void check(ConnectionRequest request) {
		if (request.id() == null || !ID.matcher(request.id()).matches()) {
			throw new InvalidInputException(
					"id '" + request.id()
							+ "' is not a connection id: lower-case letters, digits and dashes, at most 64",
					"id", request.id(), List.of("[a-z0-9][a-z0-9-]{0,63}"));
		}
		if (request.authFlow() == null) {
			throw new InvalidInputException("authFlow is required: JWT_BEARER, REFRESH_TOKEN or USERNAME_PASSWORD",
					"authFlow", null, AUTH_FLOWS);
		}
		checkLoginUrl(request.loginUrl());
		if (request.apiVersion() != null && !ApiVersions.supported(request.apiVersion())) {
			throw new InvalidInputException(
					"apiVersion '" + request.apiVersion() + "' is not a supported Salesforce API version: "
							+ ApiVersions.range(),
					"apiVersion", request.apiVersion(), List.of("v" + ApiVersions.OLDEST + ".0 … v" + ApiVersions.NEWEST
							+ ".0, written like v" + ApiVersions.NEWEST + ".0"));
		}
		if (request.credentials() != null && request.credentialsRef() != null) {
			throw new InvalidInputException("Give either credentials or credentialsRef, not both", "credentialsRef",
					SecretRoots.isReference(request.credentialsRef()) ? request.credentialsRef() : null,
					List.of("credentials or credentialsRef, not both"));
		}
		if (request.credentialsRef() != null && !SecretRoots.isReference(request.credentialsRef())) {
			// Not quoted: what was given may be the secret itself.
			throw new InvalidInputException(
					"credentialsRef is not a reference; expected env:PREFIX or file:/path/to/secret/dir",
					"credentialsRef", null, this.roots.allowed());
		}
		if (request.credentialsRef() != null) {
			this.roots.refusal(request.credentialsRef()).ifPresent((reason) -> {
				throw new InvalidInputException(
						"credentialsRef '" + request.credentialsRef() + "' is not allowed: " + reason + "; allowed: "
								+ String.join(", ", this.roots.allowed()),
						"credentialsRef", request.credentialsRef(), this.roots.allowed());
			});
		}
		if (request.settings() != null) {
			check(request.settings());
		}
	}

	/**
	 * The refusal of a login that lacks fields its flow needs; a missing secret is named,
	 * never shown.
	 */
	static InvalidInputException missing(MissingLoginFieldsException ex) {
		String first = ex.missing().get(0);
		return new InvalidInputException(ex.getMessage(), SECRETS.contains(first) ? "credentials." + first : first,
				null, ex.needed());
	}

	private void check(ConnectionSettings settings) {
		objectTypes("writeModes", settings.writeModes());
		objectTypes("outboundWrites", settings.outboundWrites());
		objectTypes("fieldOverrides", settings.fieldOverrides());
		objectTypes("syncRules", settings.syncRules());
		Map<String, String> reconciles = new TreeMap<>();
		Map<String, String> inbound = new TreeMap<>();
		settings.schedules().forEach((key, cron) -> {
			if (key.endsWith(ConnectionSettings.RECONCILE)) {
				reconciles.put(key.substring(0, key.length() - ConnectionSettings.RECONCILE.length()), cron);
			}
			else {
				inbound.put(key, cron);
			}
		});
		objectTypes("schedules", inbound);
		objectTypes("schedules", reconciles);
		settings.fieldOverrides().forEach((object, overrides) -> fieldOverrides(object, overrides));
		new TreeMap<>(settings.syncRules()).forEach(this::syncRule);
		inbound.forEach((object, cron) -> cron(object, cron, false));
		reconciles.forEach((object, cron) -> cron(object + ConnectionSettings.RECONCILE, cron, true));
	}

	/**
	 * A schedule is a Quartz cron; an object type's reconcile schedule
	 * ({@code {object}-reconcile}) may also be {@code never}.
	 */
	private static void cron(String key, @Nullable String cron, boolean reconcile) {
		if (cron != null
				&& (CronExpression.isValidExpression(cron) || reconcile && cron.equals(ConnectionSettings.NEVER))) {
			return;
		}
		String expected = "a Quartz cron expression with seconds, such as \""
				+ (reconcile ? "0 0 3 ? * SUN" : "0 */15 * * * ?") + "\"" + (reconcile ? ", or never" : "");
		throw new InvalidInputException("settings.schedules." + key + " '" + cron + "' is not " + expected,
				"settings.schedules." + key, cron, List.of(expected));
	}

	/** Every key of a settings map is an object type of the catalog. */
	private void objectTypes(String setting, Map<String, ?> byObjectType) {
		for (String object : new TreeMap<>(byObjectType).keySet()) {
			if (this.catalog.find(object).isEmpty()) {
				throw new InvalidInputException(
						"settings." + setting + " has '" + object + "', which is not an object type of the job catalog",
						"settings." + setting, object, objectTypeNames());
			}
		}
	}

	private void fieldOverrides(String object, @Nullable Map<String, String> overrides) {
		JobDefinition definition = this.catalog.find(object).orElseThrow();
		try {
			FieldOverrides.apply(definition, (overrides != null) ? overrides : Map.of());
		}
		catch (InvalidFieldOverrideException ex) {
			String field = "settings.fieldOverrides." + object;
			if (ex.column() == null) {
				throw new InvalidInputException(field + ": " + ex.problem(), field, ex.salesforceField(), ex.allowed());
			}
			throw new InvalidInputException(
					field + "." + ex.salesforceField() + ": " + ex.problem() + "; allowed: the columns "
							+ definition.source() + " maps: " + String.join(", ", ex.allowed()),
					field + "." + ex.salesforceField(), ex.column(), ex.allowed());
		}
	}

	/**
	 * A sync rule is a SOQL condition for an object whose definition applies sync rules;
	 * its fields are checked against the describe when a run starts.
	 */
	private void syncRule(String object, @Nullable String condition) {
		String field = "settings.syncRules." + object;
		List<String> objects = this.catalog.definitions()
			.stream()
			.filter((definition) -> definition.rules().contains(SyncRule.SYNC_FILTER))
			.map(JobDefinition::name)
			.toList();
		if (!objects.contains(object)) {
			throw new InvalidInputException(
					field + ": " + object + " does not apply sync rules (its job definition has no sync-filter rule)",
					"settings.syncRules", object, objects);
		}
		if (condition == null || condition.isBlank()) {
			return;
		}
		try {
			SoqlParser.checkCondition(condition);
		}
		catch (SoqlException ex) {
			throw new InvalidInputException(
					field + " is not a valid SOQL condition: " + ex.explanation() + " at row " + ex.row() + ", column "
							+ ex.column(),
					field, condition, List.of("a SOQL condition, such as LeadSource = 'Do Not Sync'"),
					Map.of("row", ex.row(), "column", ex.column()));
		}
	}

	private List<String> objectTypeNames() {
		return this.catalog.definitions().stream().map(JobDefinition::name).toList();
	}

}
