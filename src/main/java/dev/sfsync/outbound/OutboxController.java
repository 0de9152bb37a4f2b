package dev.sfsync.outbound;

import java.util.Map;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.tenancy.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's outbound API: re-queue a connection's failed changes. A thin adapter
 * over {@link OutboxRequeue}: an unknown connection (or another tenant's) is 404, an
 * object type without an outbound job 400.
 */
@RestController
class OutboxController {

	private final OutboxRequeue requeue;

	private final ConnectionService connections;

	private final JobCatalog catalog;

	OutboxController(OutboxRequeue requeue, ConnectionService connections, JobCatalog catalog) {
		this.requeue = requeue;
		this.connections = connections;
		this.catalog = catalog;
	}

	@PostMapping("/api/connections/{id}/outbound/requeue")
	ResponseEntity<Map<String, Object>> requeue(@PathVariable String id,
			@RequestParam(required = false) @Nullable String object) {
		if (this.connections.find(id).isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		if (object != null && this.catalog.find(object).filter(JobDefinition::outbound).isEmpty()) {
			return ResponseEntity.badRequest()
				.body(Map.of("error", "object=" + object + " is not an object type that syncs outbound"));
		}
		int requeued = this.requeue.requeueFailed(id, object);
		AuditLog.describe(id, "re-queued " + requeued + " failed changes" + ((object != null) ? " of " + object : ""));
		return ResponseEntity.ok(Map.of("requeued", requeued));
	}

}
