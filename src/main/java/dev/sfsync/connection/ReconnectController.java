package dev.sfsync.connection;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import dev.sfsync.salesforce.SalesforceException;
import dev.sfsync.tenancy.AuditLog;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Reconnect Salesforce" for a connection whose sign-in needs its integration user: the
 * OAuth 2.0 web-server flow. {@code /oauth/authorize} sends the browser to the login
 * server's authorize page with a one-time state kept in the user's session; the callback
 * takes the code back only with that state, in that session, trades it for a refresh
 * token that becomes the connection's credentials, and returns to the Overview with what
 * happened. Everything but the redirect is answered on the page, never as a raw error.
 */
@RestController
class ReconnectController {

	private static final Log logger = LogFactory.getLog(ReconnectController.class);

	/** The session attribute of the states of flows under way, by state. */
	private static final String STATES = ReconnectController.class.getName() + ".states";

	/** The session attribute of the last flow's outcome, until the page reads it. */
	private static final String OUTCOME = ReconnectController.class.getName() + ".outcome";

	static final String CALLBACK = "/api/connections/oauth/callback";

	private final SecureRandom random = new SecureRandom();

	private final ConnectionService connections;

	ReconnectController(ConnectionService connections) {
		this.connections = connections;
	}

	@GetMapping("/api/connections/{id}/oauth/authorize")
	ResponseEntity<Void> authorize(@PathVariable String id, HttpSession session) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		URI authorize;
		try {
			authorize = this.connections.authorizeUrl(id, callback(), state);
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			return back(session, id, false, ex.getMessage());
		}
		states(session).put(state, id);
		return ResponseEntity.status(HttpStatus.FOUND).location(authorize).build();
	}

	@GetMapping(CALLBACK)
	ResponseEntity<Void> callback(@RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String error,
			@RequestParam(name = "error_description", required = false) @Nullable String description,
			HttpSession session) {
		String id = (state != null) ? states(session).remove(state) : null;
		if (id == null) {
			AuditLog.describe(null, "web-server flow callback without a state this session started");
			return back(session, null, false,
					"This sign-in was not started here, or it was used already: press Reconnect Salesforce again");
		}
		if (error != null || code == null) {
			AuditLog.describe(id, "Salesforce did not authorize: " + error);
			return back(session, id, false, "Salesforce did not authorize sfsync: "
					+ ((description != null) ? description : (error != null) ? error : "no code came back"));
		}
		try {
			this.connections.authorized(id, code, callback());
		}
		catch (SalesforceException ex) {
			logger.warn("Connection " + id + ": the web-server flow's code was refused: " + ex.getMessage());
			AuditLog.describe(id, "the code was refused: " + ex.getMessage());
			return back(session, id, false, "Salesforce refused the sign-in: " + ex.getMessage());
		}
		AuditLog.describe(id, "authorized again through the web-server flow");
		return back(session, id, true, "Connected to Salesforce");
	}

	/** The callback's URL, as the browser reaches this server. */
	private static String callback() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path(CALLBACK).build().toUriString();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> states(HttpSession session) {
		synchronized (session) {
			Object states = session.getAttribute(STATES);
			if (!(states instanceof Map)) {
				states = new HashMap<String, String>();
				session.setAttribute(STATES, states);
			}
			return (Map<String, String>) states;
		}
	}

	/**
	 * What came of the user's last web-server flow, once: the Overview shows it when it
	 * comes back. Kept in the session, never in the address, so that no link can make the
	 * page say something sfsync did not.
	 */
	@GetMapping("/api/connections/oauth/outcome")
	Map<String, Object> outcome(HttpSession session) {
		Object outcome = session.getAttribute(OUTCOME);
		session.removeAttribute(OUTCOME);
		return (outcome instanceof Map<?, ?> map)
				? Map.copyOf(map.entrySet()
					.stream()
					.collect(java.util.stream.Collectors.toMap((e) -> String.valueOf(e.getKey()), Map.Entry::getValue)))
				: Map.of();
	}

	/** Back to the Overview, which reads what happened from the session. */
	private static ResponseEntity<Void> back(HttpSession session, @Nullable String id, boolean connected,
			@Nullable String message) {
		Map<String, Object> outcome = new HashMap<>();
		outcome.put("connection", (id != null) ? id : "");
		outcome.put("connected", connected);
		outcome.put("message", (message != null) ? message : "");
		session.setAttribute(OUTCOME, outcome);
		URI overview = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/")
			.queryParam("reconnect", "done")
			.fragment("overview")
			.build()
			.toUri();
		return ResponseEntity.status(HttpStatus.FOUND).location(overview).build();
	}

}
