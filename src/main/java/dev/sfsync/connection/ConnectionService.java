package dev.sfsync.connection;

import java.time.Clock;
import java.time.Duration;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.sfsync.salesforce.ApiBudget;
import dev.sfsync.salesforce.ApiUsage;
import dev.sfsync.salesforce.LoginUrls;
import dev.sfsync.salesforce.MissingLoginFieldsException;
import dev.sfsync.salesforce.Retries;
import dev.sfsync.salesforce.SalesforceAuthenticator;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceErrors;
import dev.sfsync.salesforce.SalesforceException;
import dev.sfsync.salesforce.SalesforceLogin;
import dev.sfsync.salesforce.SalesforceSession;
import dev.sfsync.salesforce.SessionEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Connections: create, update, test ("Reconnect Salesforce"), pause, resume and delete,
 * and the signed-in Salesforce session of each, shared by all its runs. Secrets are
 * encrypted before they are stored and never leave this service.
 *
 * <p>
 * Over 400 lines on purpose: it is the one place secrets are decrypted and sessions made,
 * so every operation that touches them stays here; validation is ConnectionInputs',
 * storage ConnectionRepository's and encryption CredentialCipher's.
 */
public class ConnectionService {

	private static final Log logger = LogFactory.getLog(ConnectionService.class);

	/**
	 * What the test says of a network failure, or of an answer that is not Salesforce's,
	 * whatever its cause.
	 */
	static final String NO_ANSWER = "No answer from Salesforce: check the connection's loginUrl and that sfsync can"
			+ " reach it, then Reconnect Salesforce from the Overview tab.";

	/** The test makes one attempt: its answer does not wait on backoffs. */
	private static final Retries NO_RETRIES = new Retries(0, Duration.ofMillis(1), Duration.ofMillis(1));

	private final ConnectionRepository repository;

	private final CredentialCipher cipher;

	private final SecretReference secrets;

	private final SalesforceAuthenticator authenticator;

	private final RestClient.Builder http;

	private final JsonMapper json;

	private final Map<String, SalesforceSession> sessions = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	private final ConnectionInputs inputs;

	/** How long calls trust a usage over the budget before reading it again. */
	private final Duration usageRecheck;

	private final ApiCalls apiCalls;

	private final Clock clock;

	/**
	 * A transaction of its own: a sign-in happens inside a run's step, whose transaction
	 * a refused sign-in rolls back.
	 */
	private final TransactionOperations ownTransaction;

	ConnectionService(ConnectionRepository repository, CredentialCipher cipher, SecretReference secrets,
			SalesforceAuthenticator authenticator, RestClient.Builder http, JsonMapper json, MeterRegistry meters,
			ApplicationEventPublisher events, ConnectionInputs inputs, Duration usageRecheck, ApiCalls apiCalls,
			Clock clock, TransactionOperations ownTransaction) {
		this.usageRecheck = usageRecheck;
		this.ownTransaction = ownTransaction;
		this.apiCalls = apiCalls;
		this.clock = clock;
		this.repository = repository;
		this.cipher = cipher;
		this.secrets = secrets;
		this.authenticator = authenticator;
		this.http = http;
		this.json = json;
		this.meters = meters;
		this.events = events;
		this.inputs = inputs;
	}

	/** The outcome of testing a connection. */
	public record TestResult(boolean ok, String message, @Nullable ApiUsage apiUsage) {
	}

	public List<Connection> list() {
		return this.repository.findAll();
	}

	/** The connections of these ids that exist. */
	public List<Connection> list(java.util.Collection<String> ids) {
		return this.repository.findAll(ids);
	}

	public Optional<Connection> find(String id) {
		return this.repository.find(id);
	}

	public Connection create(ConnectionRequest request) {
		validate(request);
		if (this.repository.find(request.id()).isPresent()) {
			throw new InvalidInputException("Connection " + request.id() + " already exists", "id", request.id(),
					List.of("an id no other connection has"));
		}
		checkLogin(request, request.credentials());
		this.repository.insert(request, name(request), encrypt(request), settings(request));
		// A session left by an earlier connection of that id, and what was cached
		// with it, must not serve this one.
		this.sessions.remove(request.id());
		logger
			.info("Created connection " + request.id() + " (" + request.authFlow() + " at " + request.loginUrl() + ")");
		changed(request.id(), true);
		return this.repository.find(request.id()).orElseThrow();
	}

	/**
	 * Updates a connection; its stored secrets stay unless new ones (or a reference) are
	 * given.
	 */
	public Optional<Connection> update(ConnectionRequest request) {
		validate(request);
		Optional<ConnectionRepository.Stored> existing = this.repository.findStored(request.id());
		if (existing.isEmpty()) {
			return Optional.empty();
		}
		boolean replace = request.credentials() != null || request.credentialsRef() != null;
		checkLogin(request, replace ? request.credentials() : credentials(existing.get()));
		this.repository.update(request, name(request), encrypt(request), replace, settings(request));
		this.sessions.remove(request.id());
		logger.info("Updated connection " + request.id());
		changed(request.id(), true);
		return this.repository.find(request.id());
	}

	public boolean pause(String id) {
		boolean paused = this.repository.setEnabled(id, false);
		if (paused) {
			logger.info("Paused connection " + id + ": no run starts for it until it is resumed");
		}
		return changed(id, paused);
	}

	public boolean resume(String id) {
		return changed(id, this.repository.setEnabled(id, true));
	}

	public boolean delete(String id) {
		this.sessions.remove(id);
		return changed(id, this.repository.delete(id));
	}

	private boolean changed(String id, boolean changed) {
		if (changed) {
			this.events.publishEvent(new ConnectionChanged(id));
		}
		return changed;
	}

	/**
	 * Signs in afresh and makes one call, without retries: the "Reconnect Salesforce"
	 * action. A network failure, or an answer that is not Salesforce's, reads the same
	 * whatever its cause, so the test tells nothing about what else listens where; the
	 * detail is logged.
	 */
	public Optional<TestResult> test(String id) {
		Optional<ConnectionRepository.Stored> stored = this.repository.findStored(id);
		if (stored.isEmpty()) {
			return Optional.empty();
		}
		this.sessions.remove(id);
		try {
			SalesforceClient client = client(id, ApiBudget.DEFAULT, NO_RETRIES);
			client.get("limits", "limits");
			return Optional.of(new TestResult(true, "Connected to Salesforce", client.apiUsage().orElse(null)));
		}
		catch (SalesforceException ex) {
			logger.warn("Testing connection " + id + " failed: " + ex.getMessage()
					+ ((ex.getCause() != null) ? " (" + ex.getCause().getClass().getSimpleName() + ")" : ""));
			if (!SalesforceErrors.answeredBySalesforce(ex) && !LoginUrls.refused(ex)) {
				return Optional.of(new TestResult(false, NO_ANSWER, null));
			}
			return Optional.of(new TestResult(false,
					ex.runFailureCause().message() + ": " + ex.getMessage() + ". " + ex.runFailureCause().whatToDo(),
					null));
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			return Optional.of(new TestResult(false, ex.getMessage(), null));
		}
	}

	/**
	 * Where the OAuth web-server flow starts for a connection: its login server's
	 * authorize page, for its connected app, back to {@code redirectUri} with
	 * {@code state}.
	 * @throws IllegalStateException when the flow cannot serve the connection, saying
	 * what to do instead
	 */
	public URI authorizeUrl(String id, String redirectUri, String state) {
		ConnectionRepository.Stored stored = this.repository.findStored(id)
			.orElseThrow(() -> new IllegalArgumentException("No connection " + id));
		Connection connection = stored.connection();
		if (connection.authFlow() != AuthFlow.REFRESH_TOKEN) {
			throw new IllegalStateException("Connection " + id + " signs in with " + connection.authFlow()
					+ ", not through a user: fix its credentials (PUT /api/connections/" + id
					+ "), then press Reconnect Salesforce");
		}
		if (stored.ciphertext() == null || connection.loginUrl() == null || connection.clientId() == null
				|| this.cipher.decrypt(stored.ciphertext()).clientSecret() == null) {
			throw new IllegalStateException("Connection " + id + " keeps no consumer secret here (its credentials are "
					+ connection.credentials() + "): grant a new refresh token as the integration user and put it"
					+ " where the credentials are read from, then press Reconnect Salesforce");
		}
		this.inputs.checkLoginUrl(connection.loginUrl());
		return UriComponentsBuilder.fromUriString(connection.loginUrl().replaceAll("/+$", ""))
			.path("/services/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", connection.clientId())
			.queryParam("redirect_uri", redirectUri)
			.queryParam("state", state)
			.queryParam("prompt", "login consent")
			.encode()
			.build()
			.toUri();
	}

	/**
	 * The web-server flow's end: trades the code for a session and a refresh token, keeps
	 * the refresh token as the connection's credentials (encrypted), and signs the
	 * connection in with that session.
	 */
	public void authorized(String id, String code, String redirectUri) {
		ConnectionRepository.Stored stored = this.repository.findStored(id)
			.orElseThrow(() -> new IllegalArgumentException("No connection " + id));
		Connection connection = stored.connection();
		Credentials credentials = this.cipher.decrypt(java.util.Objects.requireNonNull(stored.ciphertext()));
		SalesforceAuthenticator.Authorized granted = this.authenticator.authorize(new SalesforceLogin.AuthorizationCode(
				String.valueOf(connection.loginUrl()), String.valueOf(connection.clientId()),
				String.valueOf(credentials.clientSecret()), code, redirectUri));
		this.repository.authorized(id,
				this.cipher.encrypt(new Credentials(credentials.clientSecret(), null, granted.refreshToken(), null)));
		this.sessions.remove(id);
		events(id).signedIn(granted.token().instanceUrl());
		logger.info("Connection " + id + " was authorized again through the web-server flow");
	}

	/**
	 * Until when runs of the connection stop for the API budget: the usage Salesforce
	 * last reported is over the total budget, and this is when it is read again. This
	 * replica's session knows it best; without one that has heard from Salesforce, the
	 * usage the replicas keep ({@code kept}, flushed every 30 seconds) tells. Empty when
	 * runs may call.
	 */
	public Optional<Instant> apiLimitReachedUntil(String id, ApiCalls.@Nullable Usage kept) {
		SalesforceSession session = this.sessions.get(id);
		if (session != null && session.apiUsage().isPresent()) {
			return session.overBudgetUntil(ApiBudget.DEFAULT);
		}
		if (kept == null || kept.max() <= 0 || kept.used() < ApiBudget.DEFAULT.totalShare() * kept.max()) {
			return Optional.empty();
		}
		Instant until = kept.at().plus(this.usageRecheck);
		return until.isAfter(this.clock.instant()) ? Optional.of(until) : Optional.empty();
	}

	/** A client for one run of a connection, sharing the connection's session. */
	public SalesforceClient client(String id, ApiBudget budget) {
		return client(id, budget, Retries.DEFAULT);
	}

	/**
	 * A client for a connection just read: its session, once signed in, is reused without
	 * reading the stored secrets again (a scheduled poll's path).
	 */
	public SalesforceClient client(Connection connection, ApiBudget budget) {
		SalesforceSession session = this.sessions.get(connection.id());
		return (session != null)
				? new SalesforceClient(session, this.http, connection.apiVersion(), budget, Retries.DEFAULT, this.json)
				: client(connection.id(), budget);
	}

	private SalesforceClient client(String id, ApiBudget budget, Retries retries) {
		ConnectionRepository.Stored stored = this.repository.findStored(id)
			.orElseThrow(() -> new IllegalArgumentException("No connection " + id));
		SalesforceSession session = this.sessions.computeIfAbsent(id, (key) -> {
			SalesforceSession created = new SalesforceSession(key, login(stored), this.authenticator, this.usageRecheck,
					events(key));
			usageGauges(key);
			return created;
		});
		return new SalesforceClient(session, this.http, stored.connection().apiVersion(), budget, retries, this.json);
	}

	/**
	 * What a connection's session reports, kept: its sign-ins and refusals on its row, in
	 * a transaction of their own (a failure to keep them fails nothing), its calls and
	 * usage counted by {@link ApiCalls}.
	 */
	private SessionEvents events(String id) {
		return new SessionEvents() {

			@Override
			public void signedIn(String instanceUrl) {
				keep(id, () -> ConnectionService.this.repository.signedIn(id, instanceUrl,
						ConnectionService.this.clock.instant()));
			}

			@Override
			public void signInRefused(SalesforceException failure) {
				keep(id, () -> ConnectionService.this.repository.signInRefused(id, String.valueOf(failure.getMessage()),
						ConnectionService.this.clock.instant()));
			}

			@Override
			public void called(@Nullable String objectType, String kind) {
				ConnectionService.this.apiCalls.called(id, objectType, kind);
			}

			@Override
			public void usageReported(ApiUsage usage) {
				ConnectionService.this.apiCalls.reported(id, usage);
			}

		};
	}

	private void keep(String id, Runnable write) {
		try {
			this.ownTransaction.executeWithoutResult((status) -> write.run());
		}
		catch (org.springframework.dao.DataAccessException ex) {
			logger.warn("Connection " + id + ": its sign-in was not kept: " + ex.getMostSpecificCause());
		}
	}

	/**
	 * {@code sfsync.salesforce.api.used} and {@code .max}: the connection's daily API
	 * usage as Salesforce last reported it, across session changes.
	 */
	private void usageGauges(String id) {
		Gauge.builder("sfsync.salesforce.api.used", this.sessions, (all) -> usage(all, id, ApiUsage::used))
			.tag("connection", id)
			.description("API calls used in the last 24 hours, from Sforce-Limit-Info")
			.register(this.meters);
		Gauge.builder("sfsync.salesforce.api.max", this.sessions, (all) -> usage(all, id, ApiUsage::max))
			.tag("connection", id)
			.description("The org's daily API allocation, from Sforce-Limit-Info")
			.register(this.meters);
	}

	private static double usage(Map<String, SalesforceSession> sessions, String id,
			java.util.function.ToLongFunction<ApiUsage> value) {
		SalesforceSession session = sessions.get(id);
		return (session != null)
				? session.apiUsage().map((usage) -> (double) value.applyAsLong(usage)).orElse(Double.NaN) : Double.NaN;
	}

	private SalesforceLogin login(ConnectionRepository.Stored stored) {
		Connection connection = stored.connection();
		return login(connection.authFlow(), connection.loginUrl(), connection.clientId(), connection.username(),
				credentials(stored));
	}

	private Credentials credentials(ConnectionRepository.Stored stored) {
		if (stored.ciphertext() != null) {
			return this.cipher.decrypt(stored.ciphertext());
		}
		if (stored.credentialsRef() != null) {
			return this.secrets.read(stored.credentialsRef());
		}
		return new Credentials(null, null, null, null);
	}

	/**
	 * Checks that the login has what its flow needs, reading referenced secrets from
	 * where they are (inside the allowed roots, which {@link #validate} checked).
	 */
	private void checkLogin(ConnectionRequest request, @Nullable Credentials inline) {
		Credentials credentials;
		try {
			credentials = (inline != null) ? inline : (request.credentialsRef() != null)
					? this.secrets.read(request.credentialsRef()) : new Credentials(null, null, null, null);
		}
		catch (IllegalStateException ex) {
			throw new InvalidInputException(ex.getMessage(), "credentialsRef", request.credentialsRef(),
					this.secrets.roots().allowed());
		}
		try {
			login(request.authFlow(), request.loginUrl(), request.clientId(), request.username(), credentials);
		}
		catch (MissingLoginFieldsException ex) {
			throw ConnectionInputs.missing(ex);
		}
	}

	private static SalesforceLogin login(@Nullable AuthFlow flow, @Nullable String loginUrl, @Nullable String clientId,
			@Nullable String username, Credentials credentials) {
		if (flow == null) {
			throw new IllegalArgumentException("authFlow is required: JWT_BEARER, REFRESH_TOKEN or USERNAME_PASSWORD");
		}
		return switch (flow) {
			case JWT_BEARER ->
				new SalesforceLogin.JwtBearer(loginUrl, clientId, username, credentials.privateKey(), null);
			case REFRESH_TOKEN -> new SalesforceLogin.RefreshToken(loginUrl, clientId, credentials.clientSecret(),
					credentials.refreshToken());
			case USERNAME_PASSWORD -> new SalesforceLogin.UsernamePassword(loginUrl, clientId,
					credentials.clientSecret(), username, credentials.password());
		};
	}

	private byte @Nullable [] encrypt(ConnectionRequest request) {
		if (request.credentials() != null && request.credentialsRef() != null) {
			throw new IllegalArgumentException("Give either credentials or credentialsRef, not both");
		}
		return (request.credentials() != null) ? this.cipher.encrypt(request.credentials()) : null;
	}

	/**
	 * Checks every input against its allow-list before anything is saved.
	 * @throws InvalidInputException for the first input that is not allowed
	 */
	private void validate(ConnectionRequest request) {
		this.inputs.check(request);
	}

	private static String name(ConnectionRequest request) {
		return (request.name() != null && !request.name().isBlank()) ? request.name() : request.id();
	}

	private String settings(ConnectionRequest request) {
		ConnectionSettings settings = (request.settings() != null) ? request.settings() : ConnectionSettings.DEFAULTS;
		return this.json.writeValueAsString(settings);
	}

}
