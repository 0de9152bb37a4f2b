package dev.sfsync.connection;

/** How a connection signs in to Salesforce. */
public enum AuthFlow {

	/** OAuth 2.0 JWT bearer with the connected app's private key: the production flow. */
	JWT_BEARER,

	/** A refresh token granted through the web flow. */
	REFRESH_TOKEN,

	/** Username and password: development only. */
	USERNAME_PASSWORD

}
