package dev.sfsync.activity;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.sfsync.tenancy.Role;
import dev.sfsync.tenancy.Tenant;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The sync activity API: a thin adapter over {@link ActivityService} that reads the
 * request's filters, answers 400 with the reason for a bad one and 404 for a run the
 * signed-in user may not see.
 */
@RestController
@RequestMapping("/api/activity")
class ActivityController {

	private final ActivityService activity;

	private final RunControl control;

	private final ConsoleService console;

	private final Clock clock;

	ActivityController(ActivityService activity, RunControl control, ConsoleService console, Clock clock) {
		this.activity = activity;
		this.control = control;
		this.console = console;
		this.clock = clock;
	}

	/** The Overview: a card per connection the user may see. */
	@GetMapping("/overview")
	List<Overview> overview(Authentication user) {
		return this.console.overview(Tenant.of(user));
	}

	/** The Rate limits of each connection the user may see. */
	@GetMapping("/rate-limits")
	List<RateLimits> rateLimits(Authentication user) {
		return this.console.rateLimits(Tenant.of(user));
	}

	@GetMapping("/runs")
	PageOf<RunView> runs(Authentication user, @RequestParam @Nullable String direction,
			@RequestParam @Nullable String from, @RequestParam @Nullable String to,
			@RequestParam @Nullable String objectType, @RequestParam @Nullable String operation,
			@RequestParam @Nullable String status, @RequestParam @Nullable String problems,
			@RequestParam @Nullable String sort, @RequestParam @Nullable Integer page,
			@RequestParam @Nullable Integer size) {
		RunFilter filter = filter(direction, from, to, objectType, operation, status, problems, sort);
		return this.activity.runs(Tenant.of(user), filter, Paging.of(page, size));
	}

	@GetMapping("/runs/{id}")
	ResponseEntity<RunDetail> run(Authentication user, @PathVariable long id) {
		return ResponseEntity.of(this.activity.run(Tenant.of(user), id));
	}

	@GetMapping("/runs/{id}/records")
	ResponseEntity<PageOf<RecordView>> records(Authentication user, @PathVariable long id,
			@RequestParam @Nullable String outcome, @RequestParam @Nullable Integer page,
			@RequestParam @Nullable Integer size) {
		return ResponseEntity
			.of(this.activity.records(Tenant.of(user), id, RecordFilter.outcomes(outcome), Paging.of(page, size)));
	}

	@GetMapping("/errors.csv")
	ResponseEntity<StreamingResponseBody> errors(Authentication user, @RequestParam @Nullable String direction,
			@RequestParam @Nullable String from, @RequestParam @Nullable String to,
			@RequestParam @Nullable String objectType, @RequestParam @Nullable String operation,
			@RequestParam @Nullable String status, @RequestParam @Nullable String problems,
			@RequestParam @Nullable Long run) {
		RunFilter filter = filter(direction, from, to, objectType, operation, status, problems, null);
		Tenant tenant = Tenant.of(user);
		StreamingResponseBody body = (out) -> {
			try (ErrorsCsv csv = new ErrorsCsv(out)) {
				this.activity.errors(tenant, filter, run, csv::write);
			}
		};
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("sync-errors.csv").build().toString())
			.body(body);
	}

	/** Operators only (see Endpoints), with the CSRF token. */
	@PostMapping("/runs/{id}/stop")
	ResponseEntity<Map<String, String>> stop(Authentication user, @PathVariable long id) {
		return answer(this.control.stop(Tenant.of(user), id, user.getName()));
	}

	/** Operators only (see Endpoints), with the CSRF token. */
	@PostMapping("/runs/{id}/restart")
	ResponseEntity<Map<String, String>> restart(Authentication user, @PathVariable long id) {
		return answer(this.control.restart(Tenant.of(user), id, user.getName()));
	}

	/** Operators only (see Endpoints), with the CSRF token. */
	@PostMapping("/runs/{id}/resync")
	ResponseEntity<Map<String, String>> resync(Authentication user, @PathVariable long id) {
		return answer(this.control.resync(Tenant.of(user), id, user.getName()));
	}

	private static ResponseEntity<Map<String, String>> answer(RunControl.Result result) {
		HttpStatus status = !result.found() ? HttpStatus.NOT_FOUND
				: result.accepted() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT;
		return ResponseEntity.status(status).body(Map.of("message", result.message()));
	}

	@GetMapping("/health")
	Health health(Authentication user) {
		return this.activity.health(Tenant.of(user));
	}

	/** Who is signed in: the page shows operators the stop and restart buttons. */
	@GetMapping("/me")
	Map<String, Object> me(Authentication user) {
		Tenant tenant = Tenant.of(user);
		boolean operator = tenant.has(Role.OPERATOR);
		return Map.of("username", user.getName(), "operator", operator, "connections",
				tenant.all() ? List.of("*") : List.copyOf(tenant.connectionIds()));
	}

	/** What the filters offer: object types, operations, statuses and tabs. */
	@GetMapping("/filters")
	Map<String, Object> filters() {
		return Map.of("objectTypes",
				this.activity.objectTypes()
					.stream()
					.map((name) -> Map.of("value", name, "label", Names.objectLabel(name)))
					.toList(),
				"operations",
				Names.OPERATIONS.stream().map((name) -> Map.of("value", name, "label", Names.operation(name))).toList(),
				"statuses", Arrays.stream(RunStatus.values()).map(RunStatus::label).toList(), "directions",
				List.of("all", "inbound", "outbound"));
	}

	private RunFilter filter(@Nullable String direction, @Nullable String from, @Nullable String to,
			@Nullable String objectType, @Nullable String operation, @Nullable String status, @Nullable String problems,
			@Nullable String sort) {
		return RunFilter.of(direction, from, to, objectType, operation, status, problems, sort,
				this.activity.objectTypes(), Names.OPERATIONS, this.clock);
	}

	@ExceptionHandler
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badRequest(MethodArgumentTypeMismatchException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				ex.getName() + " '" + ex.getValue() + "' is not a whole number");
	}

}
