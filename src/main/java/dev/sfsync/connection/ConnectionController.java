package dev.sfsync.connection;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

	@ExceptionHandler
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
