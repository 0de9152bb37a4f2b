package dev.sfsync.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what sfsync's web server accepts from a client.
 *
 * @param maxRequestBody the largest request body accepted; a larger one is answered 413
 * (Tomcat's form post size follows it)
 */
@ConfigurationProperties("sfsync.web")
record WebLimitsProperties(@DefaultValue("1MB") DataSize maxRequestBody) {

	WebLimitsProperties {
		if (maxRequestBody.toBytes() <= 0) {
			throw new IllegalArgumentException("sfsync.web.max-request-body must be positive; was " + maxRequestBody);
		}
	}

}
