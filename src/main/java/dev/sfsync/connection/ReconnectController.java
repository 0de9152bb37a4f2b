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
import org.springframework.web.util.UriComponentsBuilder;

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
			return back(id, false, ex.getMessage());
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
			return back(null, false,
					"This sign-in was not started here, or it was used already: press Reconnect" + " Salesforce again");
		}
		if (error != null || code == null) {
			AuditLog.describe(id, "Salesforce did not authorize: " + error);
			return back(id, false, "Salesforce did not authorize sfsync: "
					+ ((description != null) ? description : (error != null) ? error : "no code came back"));
		}
		try {
			this.connections.authorized(id, code, callback());
		}
		catch (SalesforceException ex) {
			logger.warn("Connection " + id + ": the web-server flow's code was refused: " + ex.getMessage());
			AuditLog.describe(id, "the code was refused: " + ex.getMessage());
			return back(id, false, "Salesforce refused the sign-in: " + ex.getMessage());
		}
		AuditLog.describe(id, "authorized again through the web-server flow");
		return back(id, true, "Connected to Salesforce");
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

	/** Back to the Overview, which shows what happened. */
	private static ResponseEntity<Void> back(@Nullable String id, boolean connected, @Nullable String message) {
		UriComponentsBuilder overview = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/")
			.queryParam(connected ? "reconnected" : "reconnect-failed", (id != null) ? id : "")
			.queryParam("message", (message != null) ? message : "")
			.fragment("overview");
		return ResponseEntity.status(HttpStatus.FOUND).location(overview.encode().build().toUri()).build();
	}

}
