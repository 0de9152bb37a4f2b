package dev.sfsync.connection;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sfsync connection …}: the connections' operator commands, over the same service
 * as the REST API. Exit codes: 0 done, 1 the connection test failed, 2 bad command line
 * or unknown connection.
 */
public final class ConnectionCommand {

	/** The usage of {@code connection}. */
	public static final String USAGE = """
			  connection list | show <id> | test <id> | pause <id> | resume <id> | delete <id>
			  connection create|update --file <connection.json>
			                     Manage connections; test signs in afresh ("Reconnect Salesforce").
			""";

	private final ConnectionService connections;

	private final JsonMapper json;

	public ConnectionCommand(ConnectionService connections, JsonMapper json) {
		this.connections = connections;
		this.json = json;
	}

	public int run(List<String> args, PrintStream out, PrintStream err) {
		if (args.isEmpty()) {
			err.println("Missing connection command. Usage:\n" + USAGE);
			return 2;
		}
		String action = args.get(0);
		if (action.equals("list")) {
			this.connections.list()
				.forEach((connection) -> out.println(connection.id() + "\t" + connection.name() + "\t"
						+ (connection.enabled() ? "enabled" : "paused") + "\t" + connection.authFlow() + "\t"
						+ connection.loginUrl() + "\tcredentials: " + connection.credentials()));
			return 0;
		}
		if ((action.equals("create") || action.equals("update")) && args.size() == 3 && args.get(1).equals("--file")) {
			return write(action, Path.of(args.get(2)), out, err);
		}
		if (args.size() != 2) {
			err.println("Unexpected arguments " + args + ". Usage:\n" + USAGE);
			return 2;
		}
		String id = args.get(1);
		return switch (action) {
			case "show" -> found(this.connections.find(id).map(this.json::writeValueAsString), id, out, err);
			case "test" -> this.connections.test(id).map((result) -> {
				(result.ok() ? out : err).println(id + ": " + result.message());
				return result.ok() ? 0 : 1;
			}).orElseGet(() -> unknown(id, err));
			case "pause" -> done(this.connections.pause(id), "Paused", id, out, err);
			case "resume" -> done(this.connections.resume(id), "Resumed", id, out, err);
			case "delete" -> done(this.connections.delete(id), "Deleted", id, out, err);
			default -> {
				err.println("Unknown connection command '" + action + "'. Usage:\n" + USAGE);
				yield 2;
			}
		};
	}

	private int write(String action, Path file, PrintStream out, PrintStream err) {
		ConnectionRequest request;
		try {
			request = read(this.json, file);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return 2;
		}
		try {
			Optional<Connection> written = action.equals("create") ? Optional.of(this.connections.create(request))
					: this.connections.update(request);
			return found(written.map(this.json::writeValueAsString), request.id(), out, err);
		}
		catch (IllegalArgumentException ex) {
			err.println("Invalid connection in " + file + ": " + ex.getMessage());
			return 2;
		}
	}

	/**
	 * The connection in a file. Jackson's messages quote the text they stumbled on, which
	 * in this file may be a secret: a failure names the place only.
	 */
	static ConnectionRequest read(JsonMapper json, Path file) {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read the connection in " + file + ": " + ex.getMessage());
		}
		try {
			return json.readValue(text, ConnectionRequest.class);
		}
		catch (JacksonException ex) {
			String key = ex.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."));
			TokenStreamLocation location = ex.getLocation();
			String problem = (ex instanceof StreamReadException)
					? "not valid JSON" + (key.isEmpty() ? "" : " in '" + key + "'")
					: (ex instanceof UnrecognizedPropertyException) ? "'" + key + "' is not a connection field"
							: "'" + key + "' has a value of the wrong type or shape";
			throw new IllegalArgumentException("Cannot read the connection in " + file + ": " + problem
					+ ((location != null && location.getLineNr() > 0)
							? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "")
					+ "; see the connection example in src/docs/configuration.md");
		}
	}

	private static int found(Optional<String> json, String id, PrintStream out, PrintStream err) {
		return json.map((text) -> {
			out.println(text);
			return 0;
		}).orElseGet(() -> unknown(id, err));
	}

	private static int done(boolean done, String verb, String id, PrintStream out, PrintStream err) {
		if (!done) {
			return unknown(id, err);
		}
		out.println(verb + " connection " + id);
		return 0;
	}

	private static int unknown(String id, PrintStream err) {
		err.println("No connection " + id);
		return 2;
	}

}
