package dev.sfsync.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sfsync.salesforce.SalesforceId;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The Bulk API 2.0 jobs of every org, and the background threads that run them: a job
 * runs after the call that queued it has answered, as on Salesforce, so clients must
 * poll. An org's processing can be paused through the admin API, to hold jobs where a
 * test wants to look at them.
 */
@Component
final class BulkJobs implements DisposableBean {

	private static final int THREADS = 4;

	private final Map<String, BulkQueryJob> queryJobs = new ConcurrentHashMap<>();

	private final Map<String, BulkIngestJob> ingestJobs = new ConcurrentHashMap<>();

	private final Set<String> pausedOrgs = ConcurrentHashMap.newKeySet();

	/** Work queued while its org was paused, by org Id. */
	private final Map<String, List<Runnable>> parked = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	BulkJobs() {
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(THREADS, (task) -> {
			Thread thread = new Thread(task, "emulator-bulk-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	void add(BulkQueryJob job) {
		this.queryJobs.put(job.id(), job);
	}

	void add(BulkIngestJob job) {
		this.ingestJobs.put(job.id(), job);
	}

	/** A query job of the org; another org's job is as unknown as a made-up Id. */
	BulkQueryJob queryJob(Org org, String jobId) {
		BulkQueryJob job = this.queryJobs.get(normalize(jobId));
		if (job == null || job.org() != org) {
			throw SalesforceApiException.notFound();
		}
		return job;
	}

	BulkIngestJob ingestJob(Org org, String jobId) {
		BulkIngestJob job = this.ingestJobs.get(normalize(jobId));
		if (job == null || job.org() != org) {
			throw SalesforceApiException.notFound();
		}
		return job;
	}

	List<BulkQueryJob> queryJobs(Org org) {
		return this.queryJobs.values()
			.stream()
			.filter((job) -> job.org() == org)
			.sorted(Comparator.comparing(BulkQueryJob::id))
			.toList();
	}

	List<BulkIngestJob> ingestJobs(Org org) {
		return this.ingestJobs.values()
			.stream()
			.filter((job) -> job.org() == org)
			.sorted(Comparator.comparing(BulkIngestJob::id))
			.toList();
	}

	void remove(BulkQueryJob job) {
		this.queryJobs.remove(job.id());
	}

	void remove(BulkIngestJob job) {
		this.ingestJobs.remove(job.id());
	}

	/** Runs a job's work in the background, or parks it while the org is paused. */
	void run(Org org, Runnable work) {
		synchronized (this.parked) {
			if (this.pausedOrgs.contains(org.id())) {
				this.parked.computeIfAbsent(org.id(), (key) -> new ArrayList<>()).add(work);
				return;
			}
		}
		this.executor.execute(work);
	}

	/** Holds back the org's jobs until {@link #resume}: they stay queued. */
	void pause(Org org) {
		synchronized (this.parked) {
			this.pausedOrgs.add(org.id());
		}
	}

	void resume(Org org) {
		List<Runnable> work;
		synchronized (this.parked) {
			this.pausedOrgs.remove(org.id());
			work = this.parked.remove(org.id());
		}
		if (work != null) {
			work.forEach(this.executor::execute);
		}
	}

	boolean paused(Org org) {
		return this.pausedOrgs.contains(org.id());
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private static String normalize(String jobId) {
		return SalesforceId.isValid(jobId) ? SalesforceId.parse(jobId).id18() : jobId;
	}

}
