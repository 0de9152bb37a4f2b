package dev.sfsync.emulator;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin control of an org's Bulk API 2.0 processing: pausing it holds new and queued jobs
 * in {@code UploadComplete}, so tests can see what a client does with a job that is not
 * done yet (poll, abort, ask for results too early); resuming runs them.
 */
@RestController
class BulkAdminController {

	private final Orgs orgs;

	private final BulkJobs jobs;

	BulkAdminController(Orgs orgs, BulkJobs jobs) {
		this.orgs = orgs;
		this.jobs = jobs;
	}

	/** Whether the org's bulk jobs are held. */
	record Processing(@Nullable Boolean paused) {
	}

	@GetMapping("/emulator/orgs/{orgId}/bulk-processing")
	Map<String, Object> processing(@PathVariable String orgId) {
		return Map.of("paused", this.jobs.paused(find(orgId)));
	}

	@PutMapping("/emulator/orgs/{orgId}/bulk-processing")
	Map<String, Object> setProcessing(@PathVariable String orgId, @RequestBody Processing request) {
		Org org = find(orgId);
		if (request.paused() == null) {
			throw new IllegalArgumentException("paused (true or false) is required");
		}
		if (request.paused()) {
			this.jobs.pause(org);
		}
		else {
			this.jobs.resume(org);
		}
		return Map.of("paused", this.jobs.paused(org));
	}

	private Org find(String orgId) {
		return this.orgs.find(orgId).orElseThrow(SalesforceApiException::notFound);
	}

}
