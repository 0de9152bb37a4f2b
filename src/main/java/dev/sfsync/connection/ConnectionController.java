package dev.sfsync.connection;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.sfsync.tenancy.AuditLog;
import dev.sfsync.tenancy.Authorization;
import dev.sfsync.tenancy.Tenant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connections REST API: a thin adapter over {@link ConnectionService}.
 * {@link Authorization} lets a tenant reach its own connections only; where secrets are
 * read from ({@code credentialsRef}) is the platform's to set.
 */
@RestController
@RequestMapping("/api/connections")
class ConnectionController {

	private final ConnectionService connections;

	private final Authorization authorization;

	ConnectionController(ConnectionService connections, Authorization authorization) {
		this.connections = connections;
		this.authorization = authorization;
	}

	@GetMapping
	List<Connection> list(Authentication user) {
		Tenant tenant = Tenant.of(user);
		return tenant.all() ? this.connections.list() : this.connections.list(tenant.connectionIds());
	}

	@GetMapping("/{id}")
	ResponseEntity<Connection> show(@PathVariable String id) {
		return ResponseEntity.of(this.connections.find(id));
	}

	@PostMapping
	ResponseEntity<Connection> create(@RequestBody ConnectionRequest request, Authentication user) {
		AuditLog.describe(request.id(), "create " + request.id());
		requirePlatformForCredentialsRef(request, user);
		Connection created = this.connections.create(request);
		return ResponseEntity.created(URI.create("/api/connections/" + created.id())).body(created);
	}

	@PutMapping("/{id}")
	ResponseEntity<Connection> update(@PathVariable String id, @RequestBody ConnectionRequest request,
			Authentication user) {
		requirePlatformForCredentialsRef(request, user);
		if (request.id() != null && !request.id().equals(id)) {
			throw new IllegalArgumentException("The body's id " + request.id() + " is not the path's " + id);
		}
		return ResponseEntity.of(this.connections.update(new ConnectionRequest(id, request.name(), request.loginUrl(),
				request.authFlow(), request.clientId(), request.username(), request.credentials(),
				request.credentialsRef(), request.apiVersion(), request.settings())));
	}

	@PostMapping("/{id}/test")
	ResponseEntity<ConnectionService.TestResult> test(@PathVariable String id) {
		Optional<ConnectionService.TestResult> result = this.connections.test(id);
		result.ifPresent((test) -> AuditLog.describe(id, test.message()));
		return ResponseEntity.of(result);
	}

	/**
	 * Secrets are read from where the platform mounted them, never where a tenant says.
	 */
	private void requirePlatformForCredentialsRef(ConnectionRequest request, Authentication user) {
		if (request.credentialsRef() != null) {
			this.authorization.requirePlatform(user, "Setting credentialsRef");
		}
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

}
