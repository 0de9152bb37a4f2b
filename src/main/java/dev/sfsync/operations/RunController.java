package dev.sfsync.operations;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.tenancy.Authorization;
import dev.sfsync.tenancy.Role;
import dev.sfsync.tenancy.Tenant;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The runs REST API: a thin adapter over {@link OperatorService}. Unknown runs are 404,
 * bad input 400, an action the run's status does not allow 409. {@link Authorization}
 * lets only a run's own tenant reach it; runs are listed and started for the caller's
 * connections only, and system jobs only by the platform.
 */
@RestController
@RequestMapping("/api/runs")
class RunController {

	private final OperatorService operations;

	private final Authorization authorization;

	private final JobCatalog catalog;

	RunController(OperatorService operations, Authorization authorization, JobCatalog catalog) {
		this.operations = operations;
		this.authorization = authorization;
		this.catalog = catalog;
	}

	/** A run to start: the job and its parameters, as {@code sfsync run} takes them. */
	record StartRequest(@Nullable String job, @Nullable Map<String, String> parameters) {
	}

	@GetMapping
	List<JobExecutionView> list(Authentication user, @RequestParam(required = false) @Nullable String job,
			@RequestParam(required = false) @Nullable String connection,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Instant since,
			@RequestParam(required = false) @Nullable Instant until, @RequestParam(defaultValue = "50") int limit) {
		Tenant tenant = Tenant.of(user);
		return this.operations.list(new RunQuery(job, connection, status, since, until, limit,
				tenant.all() ? null : tenant.connectionIds()));
	}

	@GetMapping("/{id}")
	ResponseEntity<JobExecutionView> show(@PathVariable long id) {
		return ResponseEntity.of(this.operations.show(id));
	}

	@PostMapping
	ResponseEntity<JobExecutionView> start(@RequestBody StartRequest request, Authentication user) {
		if (request.job() == null || request.job().isBlank()) {
			throw new IllegalArgumentException("job is required, such as contact-inbound");
		}
		Map<String, String> parameters = (request.parameters() != null) ? request.parameters() : Map.of();
		if (this.catalog.findByJobName(request.job()).isPresent()) {
			String connection = parameters.get("connection");
			if (connection == null || connection.isBlank()) {
				throw new IllegalArgumentException("parameters.connection is required for " + request.job());
			}
			this.authorization.requireConnection(user, Role.OPERATOR, connection);
		}
		else if (this.operations.knows(request.job())) {
			this.authorization.requirePlatform(user, "Starting " + request.job());
		}
		JobExecutionView run = this.operations.start(request.job(), parameters, user.getName());
		return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.id())).body(run);
	}

	@PostMapping("/{id}/restart")
	ResponseEntity<JobExecutionView> restart(@PathVariable long id, Principal user) {
		return this.operations.restart(id, user.getName())
			.map((run) -> ResponseEntity.accepted().location(URI.create("/api/runs/" + run.id())).body(run))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@PostMapping("/{id}/stop")
	ResponseEntity<JobExecutionView> stop(@PathVariable long id, Principal user) {
		return ResponseEntity.of(this.operations.stop(id, user.getName()));
	}

	@PostMapping("/{id}/abandon")
	ResponseEntity<JobExecutionView> abandon(@PathVariable long id, Principal user) {
		return ResponseEntity.of(this.operations.abandon(id, user.getName()));
	}

	@PostMapping("/{id}/recover")
	ResponseEntity<JobExecutionView> recover(@PathVariable long id, Principal user) {
		return ResponseEntity.of(this.operations.recover(id, user.getName()));
	}

	@ExceptionHandler
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(RunStateException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
