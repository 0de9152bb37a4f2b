package dev.sfsync.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's root resources: the versions, each version's resources and the org's limits.
 */
@RestController
class ApiRootController {

	@GetMapping("/services/data")
	List<Map<String, String>> versions() {
		return ApiVersions.list();
	}

	@GetMapping("/services/data/{version}")
	@ApiKind("resources")
	Map<String, String> resources(@PathVariable String version) {
		String base = "/services/data/" + version;
		Map<String, String> resources = new LinkedHashMap<>();
		for (String resource : List.of("sobjects", "query", "queryAll", "limits", "composite", "jobs")) {
			resources.put(resource, base + "/" + resource);
		}
		return resources;
	}

	@GetMapping("/services/data/{version}/limits")
	@ApiKind("limits")
	Map<String, Map<String, Long>> limits(HttpServletRequest request) {
		Org org = (Org) request.getAttribute(ApiGate.ORG);
		Map<String, Map<String, Long>> limits = new LinkedHashMap<>();
		limits.put("DailyApiRequests", limit(org.dailyApiRequests(), org.dailyApiRequests() - org.apiRequestsUsed()));
		limits.put("DailyBulkApiBatches", limit(15000, 15000));
		limits.put("DailyBulkV2QueryJobs", limit(10000, 10000));
		limits.put("DailyBulkV2QueryFileStorageMB", limit(976562, 976562));
		limits.put("ConcurrentPerOrgLongTxn", limit(25, 25));
		return limits;
	}

	private static Map<String, Long> limit(long max, long remaining) {
		Map<String, Long> limit = new LinkedHashMap<>();
		limit.put("Max", max);
		limit.put("Remaining", Math.max(0, remaining));
		return limit;
	}

}
