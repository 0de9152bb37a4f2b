package dev.sfsync.connection;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The connections REST API: a thin adapter over {@link ConnectionService}. */
@RestController
@RequestMapping("/api/connections")
class ConnectionController {

	private final ConnectionService connections;

	ConnectionController(ConnectionService connections) {
		this.connections = connections;
	}

	@GetMapping
	List<Connection> list() {
		return this.connections.list();
	}

	@GetMapping("/{id}")
	ResponseEntity<Connection> show(@PathVariable String id) {
		return ResponseEntity.of(this.connections.find(id));
	}

	@PostMapping
	ResponseEntity<Connection> create(@RequestBody ConnectionRequest request) {
		Connection created = this.connections.create(request);
		return ResponseEntity.created(URI.create("/api/connections/" + created.id())).body(created);
	}

	@PutMapping("/{id}")
	ResponseEntity<Connection> update(@PathVariable String id, @RequestBody ConnectionRequest request) {
		if (request.id() != null && !request.id().equals(id)) {
			throw new IllegalArgumentException("The body's id " + request.id() + " is not the path's " + id);
		}
		return ResponseEntity.of(this.connections.update(new ConnectionRequest(id, request.name(), request.loginUrl(),
				request.authFlow(), request.clientId(), request.username(), request.credentials(),
				request.credentialsRef(), request.apiVersion(), request.settings())));
	}

	@PostMapping("/{id}/test")
	ResponseEntity<ConnectionService.TestResult> test(@PathVariable String id) {
		return ResponseEntity.of(this.connections.test(id));
	}

	@PostMapping("/{id}/pause")
	ResponseEntity<Void> pause(@PathVariable String id) {
		return this.connections.pause(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	@PostMapping("/{id}/resume")
	ResponseEntity<Void> resume(@PathVariable String id) {
		return this.connections.resume(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		return this.connections.delete(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	/**
	 * A refused input: 400 with what is wrong, and for inputs checked against an
	 * allow-list the {@code field}, the {@code value} refused (never a secret) and what
	 * is {@code allowed}.
	 */
	@ExceptionHandler
	ProblemDetail badRequest(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		if (ex instanceof InvalidInputException invalid) {
			invalid.properties().forEach(problem::setProperty);
		}
		return problem;
	}

	/**
	 * A body that is not a connection request: 400 naming the field whose value is of the
	 * wrong kind, and for an enum its values. The value itself is echoed only outside
	 * {@code credentials}.
	 */
	@ExceptionHandler
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		JacksonException json = null;
		for (Throwable cause = ex; cause != null && json == null; cause = cause.getCause()) {
			json = (cause instanceof JacksonException found) ? found : null;
		}
		String field = (json != null) ? json.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.collect(Collectors.joining(".")) : "";
		Object value = (json instanceof InvalidFormatException invalid && !field.startsWith("credentials"))
				? invalid.getValue() : null;
		Class<?> type = (json instanceof MismatchedInputException mismatch) ? mismatch.getTargetType() : null;
		List<String> allowed = (type != null && type.isEnum())
				? Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList()
				: List.of((type != null) ? "a JSON value of type " + type.getSimpleName()
						: "a connection request in JSON, as the README shows");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				field.isEmpty() ? "The request body is not a connection request in JSON"
						: "The request body's " + field + " is not " + String.join(" or ", allowed));
		problem.setProperty("field", field.isEmpty() ? null : field);
		problem.setProperty("value", (value != null) ? String.valueOf(value) : null);
		problem.setProperty("allowed", allowed);
		return problem;
	}

}
