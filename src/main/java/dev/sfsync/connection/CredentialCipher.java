package dev.sfsync.connection;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encrypts credentials at rest with AES-256-GCM: a random 12-byte nonce per value, stored
 * in front of the ciphertext; the tag makes any change to a stored value fail loudly.
 */
final class CredentialCipher {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final @Nullable SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	private final JsonMapper json;

	CredentialCipher(@Nullable String base64Key, JsonMapper json) {
		this.json = json;
		if (base64Key == null || base64Key.isBlank()) {
			this.key = null;
			return;
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Key.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("sfsync.credentials.key is not base64");
		}
		if (bytes.length != 32) {
			throw new IllegalArgumentException(
					"sfsync.credentials.key must be 32 bytes (AES-256), base64; it has " + bytes.length + " bytes");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	byte[] encrypt(Credentials credentials) {
		SecretKeySpec spec = requireKey();
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(this.json.writeValueAsBytes(credentials));
			return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Credentials could not be encrypted: " + ex.getClass().getSimpleName());
		}
	}

	Credentials decrypt(byte[] stored) {
		SecretKeySpec spec = requireKey();
		if (stored.length <= NONCE_BYTES) {
			throw new IllegalStateException("Stored credentials are truncated");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
			return this.json.readValue(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES),
					Credentials.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Stored credentials cannot be decrypted with sfsync.credentials.key:"
					+ " the key changed or the value was altered");
		}
	}

	private SecretKeySpec requireKey() {
		if (this.key == null) {
			throw new IllegalStateException("sfsync.credentials.key is not set: it is needed to store credentials;"
					+ " set SFSYNC_CREDENTIALS_KEY to a base64 32-byte key, or reference a Secret instead");
		}
		return this.key;
	}

}
