package dev.sfsync.salesforce;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.springframework.http.StreamingHttpOutputMessage;

/**
 * The form a sign-in posts to Salesforce's token endpoint, written as the request body
 * straight to the wire: RestClient logs the bodies it converts, with their
 * {@code toString()}, and this one carries the client secret, the password, the refresh
 * token or the signed assertion. Its own {@code toString()} names those fields only.
 */
final class TokenRequestForm implements StreamingHttpOutputMessage.Body {

	private static final Set<String> SECRET_FIELDS = Set.of("client_secret", "password", "refresh_token", "assertion",
			"code");

	private final Map<String, String> fields = new LinkedHashMap<>();

	TokenRequestForm add(String name, String value) {
		this.fields.put(name, value);
		return this;
	}

	@Override
	public void writeTo(OutputStream body) throws IOException {
		StringJoiner form = new StringJoiner("&");
		this.fields.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		body.write(form.toString().getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public boolean repeatable() {
		return true;
	}

	@Override
	public String toString() {
		StringJoiner shown = new StringJoiner(", ", "TokenRequestForm[", "]");
		this.fields
			.forEach((name, value) -> shown.add(name + "=" + (SECRET_FIELDS.contains(name) ? "(hidden)" : value)));
		return shown.toString();
	}

}
