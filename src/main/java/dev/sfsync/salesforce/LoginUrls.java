package dev.sfsync.salesforce;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The login servers a connection may sign in at: Salesforce's own
 * ({@code https://login.salesforce.com}, {@code https://test.salesforce.com},
 * {@code https://*.my.salesforce.com}, {@code https://*.sandbox.my.salesforce.com}) and
 * the URL prefixes a deployment adds. A login URL is matched on its parsed parts, never
 * as text: the scheme exactly, the host case-insensitively (a leading {@code *.} stands
 * for one DNS label), the port (an entry's {@code *} port, meant for tests, takes any),
 * the path on a segment boundary. A URL with user info, a query or a fragment is never
 * allowed: the client secret and password are sent to the login server.
 */
public final class LoginUrls {

	/** Salesforce's login servers, always allowed. */
	public static final List<String> SALESFORCE = List.of("https://login.salesforce.com", "https://test.salesforce.com",
			"https://*.my.salesforce.com", "https://*.sandbox.my.salesforce.com");

	private static final Pattern ENTRY = Pattern
		.compile("(https?)://(\\*\\.)?([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}|\\*))?(/[^?#@]*)?");

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+|\\[[0-9a-f:.]+\\]");

	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*/*");

	private static final int ANY_PORT = -2;

	/** The error code of a sign-in refused before anything was sent. */
	private static final String NOT_ALLOWED = "LOGIN_URL_NOT_ALLOWED";

	private final List<Entry> entries;

	private final List<String> allowed;

	private LoginUrls(List<Entry> entries, List<String> allowed) {
		this.entries = List.copyOf(entries);
		this.allowed = List.copyOf(allowed);
	}

	/**
	 * Salesforce's login servers and the configured URL prefixes.
	 * @param configured URL prefixes such as {@code http://127.0.0.1:8089} or
	 * {@code http://localhost:*}
	 * @param key the configuration key they come from, for messages
	 * @throws IllegalArgumentException naming the key and the entry when an entry is not
	 * a URL prefix
	 */
	public static LoginUrls of(List<String> configured, String key) {
		List<Entry> entries = new ArrayList<>();
		List<String> allowed = new ArrayList<>(SALESFORCE);
		for (String url : SALESFORCE) {
			entries.add(Entry.parse(url));
		}
		for (int i = 0; i < configured.size(); i++) {
			String url = configured.get(i);
			try {
				entries.add(Entry.parse(url));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(key + "[" + i + "] '" + url + "' is not a login URL prefix: "
						+ ex.getMessage() + "; expected http(s)://host[:port|:*][/path], such as http://127.0.0.1:8089",
						ex);
			}
			allowed.add(url);
		}
		return new LoginUrls(entries, allowed);
	}

	/**
	 * Every login URL: for code that talks to a test server directly, never for a
	 * connection's sign-in.
	 */
	public static LoginUrls any() {
		return new LoginUrls(
				List.of(new Entry("http", null, "", ANY_PORT, ""), new Entry("https", null, "", ANY_PORT, "")),
				List.of("any URL"));
	}

	/** What is allowed, as configured: Salesforce's servers, then the deployment's. */
	public List<String> allowed() {
		return this.allowed;
	}

	/** Whether a connection may sign in at a login URL. */
	public boolean allows(@Nullable String loginUrl) {
		return refusal(loginUrl).isEmpty();
	}

	/**
	 * Why a login URL is not allowed, or empty when it is.
	 * @param loginUrl the URL, as a connection stores it
	 * @return what is wrong with it, for a message; never the URL's user info
	 */
	public Optional<String> refusal(@Nullable String loginUrl) {
		if (loginUrl == null || loginUrl.isBlank()) {
			return Optional.of("it is missing");
		}
		URI uri;
		try {
			uri = new URI(loginUrl);
		}
		catch (URISyntaxException ex) {
			return Optional.of("it is not a URL");
		}
		if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
			return Optional.of("it is not an absolute http(s) URL");
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !scheme.equals("http")) {
			return Optional.of("its scheme is not https");
		}
		if (uri.getRawUserInfo() != null) {
			return Optional.of("it has user info (user@host)");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			return Optional.of("it has a query or a fragment");
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		if (host == null || !HOST.matcher(host).matches()) {
			return Optional.of("its host is not a host name");
		}
		int port = uri.getPort();
		if (port == 0 || port > 65535) {
			return Optional.of("its port is not a port");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		if (!PATH.matcher(path).matches() || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
				|| path.endsWith("/..")) {
			return Optional.of("its path is not a plain path");
		}
		int effectivePort = (port > 0) ? port : defaultPort(scheme);
		String trimmed = path.replaceAll("/+$", "");
		for (Entry entry : this.entries) {
			if (entry.matches(scheme, host, effectivePort, trimmed)) {
				return Optional.empty();
			}
		}
		return Optional
			.of(scheme.equals("http") && this.entries.stream().noneMatch((entry) -> entry.scheme.equals("http"))
					? "plain http is not allowed"
					: "it is not a Salesforce login server nor one this deployment allows");
	}

	/**
	 * Checks a login URL before a sign-in sends secrets there.
	 * @throws SalesforceException an authentication failure of the run, saying why
	 */
	void check(SalesforceLogin login) {
		refusal(login.loginUrl()).ifPresent((reason) -> {
			throw new SalesforceException(
					"The connection's loginUrl " + shown(login.loginUrl()) + " is not an allowed login server ("
							+ reason + "); nothing was sent to it. Allowed: " + String.join(", ", this.allowed),
					0, List.of(new SalesforceError(NOT_ALLOWED, reason, List.of())), SalesforceException.Handling.RUN,
					dev.sfsync.outcome.RunFailureCause.AUTHENTICATION_FAILURE);
		});
	}

	/** Whether a failure is the refusal of a login URL that is not allowed. */
	public static boolean refused(SalesforceException failure) {
		return failure.errorCode().equals(NOT_ALLOWED);
	}

	/**
	 * A login URL as it may be shown back: its user info, query and fragment, which may
	 * hold secrets, are hidden; text that is not a URL is cut short.
	 */
	public static String shown(@Nullable String loginUrl) {
		if (loginUrl == null) {
			return "null";
		}
		String shown = loginUrl.replaceAll("(?<=//)[^/?#]*@", "(hidden)@").replaceAll("[?#].*", "?(hidden)");
		return (shown.length() > 200) ? shown.substring(0, 200) + "…" : shown;
	}

	private static int defaultPort(String scheme) {
		return scheme.equals("https") ? 443 : 80;
	}

	/**
	 * One allowed URL prefix.
	 *
	 * @param scheme {@code http} or {@code https}
	 * @param wildcardSuffix for a {@code *.} host, the part after the {@code *} (such as
	 * {@code .my.salesforce.com}); null for an exact host
	 * @param host the exact host, lower case; empty with {@link LoginUrls#any()}
	 * @param port the port, or {@link #ANY_PORT}
	 * @param path the path prefix without a trailing slash; empty for any path
	 */
	private record Entry(String scheme, @Nullable String wildcardSuffix, String host, int port, String path) {

		static Entry parse(String url) {
			Matcher matcher = ENTRY.matcher(url.strip());
			if (!matcher.matches()) {
				throw new IllegalArgumentException("not of the form scheme://host[:port][/path]");
			}
			String scheme = matcher.group(1);
			boolean wildcard = matcher.group(2) != null;
			String host = matcher.group(3).toLowerCase(Locale.ROOT);
			String portText = matcher.group(4);
			int port;
			if (portText == null) {
				port = defaultPort(scheme);
			}
			else if (portText.equals("*")) {
				port = ANY_PORT;
			}
			else {
				port = Integer.parseInt(portText);
				if (port < 1 || port > 65535) {
					throw new IllegalArgumentException("port " + port + " is not from 1 to 65535");
				}
			}
			String path = (matcher.group(5) != null) ? matcher.group(5).replaceAll("/+$", "") : "";
			if (!PATH.matcher(path).matches() || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
					|| path.endsWith("/..")) {
				throw new IllegalArgumentException("path '" + path + "' is not a plain path");
			}
			return new Entry(scheme, wildcard ? "." + host : null, wildcard ? "" : host, port, path);
		}

		boolean matches(String scheme, String host, int port, String path) {
			if (!this.scheme.equals(scheme) || (this.port != ANY_PORT && this.port != port)) {
				return false;
			}
			if (this.wildcardSuffix != null) {
				if (!host.endsWith(this.wildcardSuffix)
						|| !LABEL.matcher(host.substring(0, host.length() - this.wildcardSuffix.length())).matches()) {
					return false;
				}
			}
			else if (!this.host.isEmpty() && !this.host.equals(host)) {
				return false;
			}
			return this.path.isEmpty() || path.equals(this.path) || path.startsWith(this.path + "/");
		}

	}

}
