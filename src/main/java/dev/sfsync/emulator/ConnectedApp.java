package dev.sfsync.emulator;

import java.security.interfaces.RSAPublicKey;

import org.jspecify.annotations.Nullable;

/**
 * A connected app of an org: the OAuth client. JWT bearer logins are verified against its
 * registered certificate's public key.
 *
 * @param name the app's name
 * @param consumerKey the OAuth client id
 * @param consumerSecret the OAuth client secret
 * @param publicKey the registered public key for the JWT bearer flow, if any
 */
record ConnectedApp(String name, String consumerKey, String consumerSecret, @Nullable RSAPublicKey publicKey) {

	@Override
	public String toString() {
		return "ConnectedApp[name=" + this.name + ", consumerKey=" + this.consumerKey + "]";
	}

}
