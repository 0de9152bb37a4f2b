package dev.sfsync.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sfsync.catalog.JobDefinition;
import dev.sfsync.outbound.OutboxStore;
import dev.sfsync.salesforce.SalesforceBulkQueryReader;
import dev.sfsync.salesforce.SalesforceClient;
import dev.sfsync.salesforce.SalesforceId;
import dev.sfsync.store.AppTable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One {@code {object}-reconcile} run for one connection: it proves the app's copy of an
 * object type exact, and repairs it where it is not, whatever was missed (a change the
 * windows never saw, a record purged from the Recycle Bin).
 * <ol>
 * <li>{@code list-ids} reads every Id of the object with its SystemModstamp and IsDeleted
 * (one Bulk {@code queryAll}) into memory ({@link ReconcileIds}), or, past
 * {@code sfsync.inbound.reconcile-ids-in-memory}, into {@code sync_reconcile};</li>
 * <li>{@code find-drift} compares them with the app table, in one pass over its rows a
 * page per statement (or set-based against the staged Ids): records missing from the app
 * or newer in Salesforce are to be read, records deleted in Salesforce and live in the
 * app to be deleted, and the app's records that Salesforce no longer has (older than the
 * run, so not just written by an outbound run) are purged; only those drifted Ids are
 * written. It also reports the object's app changes that have waited too long in the
 * outbox;</li>
 * <li>{@code reconcile} reads the records to repair by Id and hands them, and the purged
 * ones, to the inbound rules and writer, so each repair is a record outcome as in an
 * inbound run;</li>
 * <li>{@code update-foreign-keys} checks every reference of the connection's rows.</li>
 * </ol>
 * The run takes the object type's inbound claim, so no inbound run writes the table
 * meanwhile. A restart reads the Ids again (the ones in memory went with the process),
 * compares again, and resumes {@code reconcile} after its last committed chunk.
 * <p>
 * Over 400 lines on purpose: the four steps share the run's state (the Ids read, the
 * drift found, the claim held), and each step's two paths, in memory and staged, must
 * agree record for record; kept together they read as one procedure.
 */
final class ReconcileRun {

	/** The identifying parameter: when the run was asked for, a UTC instant. */
	static final String AT = "at";

	/** Past any SystemModstamp: the Bulk job reads every record. */
	private static final Instant EVERYTHING = Instant.parse("4000-01-01T00:00:00Z");

	/** Ids per statement of {@code find-drift}, and rows per delete of the run's own. */
	static final int PAGE = 20_000;

	/** App rows per statement of {@code find-drift} with the Ids in memory. */
	private static final int APP_PAGE = 50_000;

	private static final Log logger = LogFactory.getLog(ReconcileRun.class);

	private final InboundRun run;

	private final InboundRun.Context context;

	private final JobDefinition definition;

	private final AppTable table;

	private final String connectionId;

	private final SalesforceClient client;

	private final Instant at;

	private final double maxPurged;

	private final java.time.Duration staleOutbox;

	private final int idsInMemory;

	/**
	 * The Ids {@code list-ids} read, while they are no more than {@link #idsInMemory};
	 * null once they were staged in {@code sync_reconcile} instead.
	 */
	private @Nullable ReconcileIds ids = new ReconcileIds();

	private long instanceId;

	/**
	 * @param run the inbound run whose rules, writer and foreign keys the repairs go
	 * through, over the window from the epoch to {@code at}
	 */
	ReconcileRun(InboundRun run, InboundRun.Context context, JobDefinition definition, AppTable table,
			String connectionId, SalesforceClient client, Instant at, InboundProperties properties) {
		this.run = run;
		this.context = context;
		this.definition = definition;
		this.table = table;
		this.connectionId = connectionId;
		this.client = client;
		this.at = at;
		this.maxPurged = properties.reconcileMaxPurged();
		this.staleOutbox = properties.staleOutbox();
		this.idsInMemory = properties.reconcileIdsInMemory();
	}

	/** The run's job, named like the registered one so the repository sees one job. */
	Job job(String name) {
		return new JobBuilder(name, this.context.repository()).observationRegistry(this.context.observations())
			.listener(this.context.failures())
			.listener(new JobExecutionListener() {
				@Override
				public void beforeJob(JobExecution execution) {
					ReconcileRun.this.instanceId = execution.getJobInstance().getInstanceId();
					begin();
				}

				@Override
				public void afterJob(JobExecution execution) {
					if (execution.getStatus() == BatchStatus.COMPLETED) {
						clear(ReconcileRun.this.instanceId);
					}
				}
			})
			.start(listIds())
			.next(findDrift())
			.next(this.run.recordStep("reconcile", this.definition.sizes().chunk(), false,
					() -> new DriftReader(this.context.jdbc(), this.client, this.definition.salesforceObject(),
							this.run.freshSchema(), this.instanceId, this.at, this.run.loader())))
			.next(this.run.updateForeignKeys())
			.build();
	}

	/**
	 * Every Id of the object, with its SystemModstamp and IsDeleted: held in memory
	 * ({@link ReconcileIds}), or staged in the run's rows once there are more than
	 * {@code sfsync.inbound.reconcile-ids-in-memory}. It always reads from the first
	 * page, also on a restart, and runs again when a restart finds it completed: the Ids
	 * held in memory went with the process that read them.
	 */
	private Step listIds() {
		int size = this.definition.sizes().backfill();
		ItemWriter<SalesforceRow> writer = this::hold;
		return this.run.step("list-ids")
			.<SalesforceRow, SalesforceRow>chunk(size)
			.transactionManager(this.context.transactionManager())
			.reader(new FromTheStart<>(new DeferredReader<>(
					() -> new SalesforceBulkQueryReader<>("list-ids", this.client, this.definition.salesforceObject(),
							this.run.freshSchema().deletable() ? List.of("IsDeleted") : List.of(), Instant.EPOCH,
							EVERYTHING, SalesforceBulkQueryReader.Operation.QUERY_ALL, size,
							(page) -> page.stream().map(SalesforceRow::of).toList(), this.context.polling()),
					// An Id Salesforce would not give is never looked up.
					(row) -> SalesforceId.isValid(row.id()))))
			.writer(writer)
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					ReconcileRun.this.ids = new ReconcileIds();
				}
			})
			.allowStartIfComplete(true)
			.build();
	}

	private void hold(Chunk<? extends SalesforceRow> rows) {
		ReconcileIds held = this.ids;
		if (held != null && held.size() + rows.size() > this.idsInMemory) {
			logger.info("Reconcile of " + this.definition.name() + " for connection " + this.connectionId
					+ ": more than " + this.idsInMemory + " Ids (sfsync.inbound.reconcile-ids-in-memory); staging"
					+ " them in the database");
			List<SalesforceRow> staged = new ArrayList<>(held.size());
			// No Id is seen yet: this is every one.
			for (int slot = held.nextUnseen(0); slot >= 0; slot = held.nextUnseen(slot + 1)) {
				LocalDateTime modstamp = held.modstamp(slot);
				staged.add(new SalesforceRow(held.id(slot), (modstamp != null) ? Timestamp.valueOf(modstamp) : null,
						held.deleted(slot)));
			}
			for (int from = 0; from < staged.size(); from += PAGE) {
				insert(staged.subList(from, Math.min(staged.size(), from + PAGE)));
			}
			this.ids = null;
			held = null;
		}
		if (held == null) {
			insert(rows.getItems());
			return;
		}
		for (SalesforceRow row : rows) {
			held.add(row.id(), (row.modstamp() != null) ? row.modstamp().toLocalDateTime() : null, row.deleted());
		}
	}

	private void insert(List<? extends SalesforceRow> rows) {
		List<Object[]> arguments = new ArrayList<>(rows.size());
		for (SalesforceRow row : rows) {
			arguments.add(new Object[] { this.instanceId, row.id(), row.modstamp(), row.deleted() });
		}
		// A restart reads every Id again, perhaps from a later Bulk job: the latest wins.
		this.context.jdbc()
			.batchUpdate("INSERT INTO sync_reconcile (job_instance_id, salesforce_id, modstamp, deleted)"
					+ " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE modstamp = VALUES(modstamp),"
					+ " deleted = VALUES(deleted)", arguments);
	}

	/** A reader that starts from its first item whatever the step saved. */
	private static final class FromTheStart<T> implements ItemStreamReader<T> {

		private final ItemStreamReader<T> delegate;

		FromTheStart(ItemStreamReader<T> delegate) {
			this.delegate = delegate;
		}

		@Override
		public void open(ExecutionContext context) {
			this.delegate.open(new ExecutionContext());
		}

		@Override
		public @Nullable T read() throws Exception {
			return this.delegate.read();
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

	/**
	 * One Id of the Bulk results.
	 *
	 * @param modstamp null when Salesforce's SystemModstamp cannot be read: the record is
	 * read again, and the rules say why it is not written
	 */
	record SalesforceRow(String id, @Nullable Timestamp modstamp, boolean deleted) {

		static SalesforceRow of(JsonNode record) {
			Timestamp modstamp = null;
			try {
				modstamp = Timestamp.valueOf(LocalDateTime
					.ofInstant(Instant.parse(record.path("SystemModstamp").asString("")), ZoneOffset.UTC));
			}
			catch (DateTimeParseException ex) {
				// Read again by Id, where the rules fail it as an invalid timestamp.
			}
			JsonNode deleted = record.path("IsDeleted");
			return new SalesforceRow(record.path("Id").asString(""), modstamp,
					deleted.isBoolean() ? deleted.booleanValue() : "true".equalsIgnoreCase(deleted.asString("")));
		}

	}

	/**
	 * Compares the Ids with the app table and marks what to repair, a page per
	 * transaction. Every statement is decided from the rows alone, so a restart simply
	 * compares again.
	 */
	private Step findDrift() {
		DriftFinder finder = new DriftFinder();
		return this.run.step("find-drift")
			.tasklet((contribution, chunk) -> finder.next(contribution), this.context.transactionManager())
			.build();
	}

	private final class DriftFinder {

		private boolean appSide;

		private String after = "";

		private final String fixed = ReconcileRun.this.table.fixedCondition("t");

		private final List<Object> fixedValues = List.copyOf(ReconcileRun.this.table.fixedColumns().values());

		/**
		 * In memory: the next slot of an Id no app row had, once the app rows are done.
		 */
		private int unseen = -1;

		/**
		 * In memory: the live app rows with an Id, counted by the pass, which the share
		 * of purged ones is taken of.
		 */
		private long live;

		RepeatStatus next(StepContribution contribution) {
			ReconcileIds held = ReconcileRun.this.ids;
			if (held != null) {
				return compare(held, contribution);
			}
			JdbcTemplate jdbc = ReconcileRun.this.context.jdbc();
			String key = ReconcileRun.this.table.keyColumn();
			String appTable = ReconcileRun.this.table.name();
			long instance = ReconcileRun.this.instanceId;
			if (!this.appSide) {
				List<Object> arguments = new ArrayList<>(List.of(ReconcileRun.this.connectionId,
						ReconcileRun.this.definition.name(), ReconcileRun.this.connectionId));
				arguments.addAll(this.fixedValues);
				arguments.addAll(List.of(instance, this.after));
				// A plain read, so the app rows are not locked; missing from the app:
				// read,
				// unless a run decided this version already (a record the rules skip is
				// never in the app).
				List<String[]> page = jdbc.query("SELECT s.salesforce_id, CASE"
						+ " WHEN s.deleted THEN IF(t.id IS NOT NULL AND NOT t.deleted, 'DELETE', NULL)"
						+ " WHEN t.id IS NULL THEN IF(EXISTS (SELECT 1 FROM sync_unwritten w WHERE w.connection_id = ?"
						+ " AND w.object_type = ? AND w.salesforce_id = s.salesforce_id AND w.state <> 'RESOLVED'"
						+ " AND w.modstamp >= s.modstamp), NULL, 'READ')"
						+ " WHEN s.modstamp IS NULL OR t.external_updated_at IS NULL"
						+ " OR t.external_updated_at < s.modstamp THEN 'READ' ELSE NULL END AS action"
						+ " FROM sync_reconcile s LEFT JOIN " + appTable + " t ON t.connection_id = ? AND t." + key
						+ " = s.salesforce_id" + this.fixed
						+ " WHERE s.job_instance_id = ? AND s.salesforce_id > ? ORDER BY s.salesforce_id LIMIT " + PAGE,
						(rs, n) -> new String[] { rs.getString(1), rs.getString(2) }, arguments.toArray());
				if (page.isEmpty()) {
					this.appSide = true;
					this.after = "";
					return RepeatStatus.CONTINUABLE;
				}
				List<Object[]> marks = page.stream()
					.filter((row) -> row[1] != null)
					.map((row) -> new Object[] { row[1], instance, row[0] })
					.toList();
				if (!marks.isEmpty()) {
					jdbc.batchUpdate(
							"UPDATE sync_reconcile SET action = ? WHERE job_instance_id = ? AND salesforce_id = ?",
							marks);
				}
				contribution.incrementWriteCount(marks.size());
				this.after = page.get(page.size() - 1)[0];
				return RepeatStatus.CONTINUABLE;
			}
			// Gone from Salesforce: live in the app, older than the run (an outbound run
			// may have created a record since the Bulk job read), and not among the Ids.
			List<Object> arguments = new ArrayList<>(
					List.of(timestamp(ReconcileRun.this.at), instance, ReconcileRun.this.connectionId, this.after));
			arguments.addAll(this.fixedValues);
			List<String[]> page = jdbc.query("SELECT t." + key + ", NOT t.deleted AND t.external_updated_at < ?"
					+ " AND NOT EXISTS (SELECT 1 FROM sync_reconcile s WHERE s.job_instance_id = ? AND s.salesforce_id"
					+ " = t." + key + ") FROM " + appTable + " t WHERE t.connection_id = ? AND t." + key + " > ?"
					+ this.fixed + " ORDER BY t." + key + " LIMIT " + PAGE,
					(rs, n) -> new String[] { rs.getString(1), rs.getBoolean(2) ? "PURGED" : null },
					arguments.toArray());
			if (page.isEmpty()) {
				checkPurged(jdbc, null);
				reportStaleOutbox(contribution);
				return RepeatStatus.FINISHED;
			}
			List<Object[]> purged = page.stream()
				.filter((row) -> row[1] != null)
				.map((row) -> new Object[] { instance, row[0] })
				.toList();
			if (!purged.isEmpty()) {
				jdbc.batchUpdate("INSERT IGNORE INTO sync_reconcile (job_instance_id, salesforce_id, modstamp, deleted,"
						+ " action) VALUES (?, ?, NULL, TRUE, 'PURGED')", purged);
			}
			contribution.incrementWriteCount(purged.size());
			this.after = page.get(page.size() - 1)[0];
			return RepeatStatus.CONTINUABLE;
		}

		/**
		 * With the Ids in memory: one ordered pass over the connection's app rows, a page
		 * per call, each row looked up among the Ids; then the Ids no app row had, a page
		 * per call. The rules are the staged comparison's: missing from the app or newer
		 * in Salesforce is read (unless a run decided that version already), deleted in
		 * Salesforce and live in the app is deleted, and live in the app, older than the
		 * run and not in Salesforce is purged. Only what drifted is written.
		 */
		private RepeatStatus compare(ReconcileIds held, StepContribution contribution) {
			JdbcTemplate jdbc = ReconcileRun.this.context.jdbc();
			if (!this.appSide) {
				String key = ReconcileRun.this.table.keyColumn();
				List<Object> arguments = new ArrayList<>(List.of(ReconcileRun.this.connectionId, this.after));
				arguments.addAll(this.fixedValues);
				List<AppRow> page = jdbc.query(
						"SELECT t." + key + ", t.external_updated_at, t.deleted FROM " + ReconcileRun.this.table.name()
								+ " t WHERE t.connection_id = ? AND t." + key + " > ?" + this.fixed + " ORDER BY t."
								+ key + " LIMIT " + APP_PAGE,
						(rs, n) -> new AppRow(rs.getString(1), rs.getObject(2, LocalDateTime.class), rs.getBoolean(3)),
						arguments.toArray());
				if (page.isEmpty()) {
					this.appSide = true;
					this.unseen = held.nextUnseen(0);
					return RepeatStatus.CONTINUABLE;
				}
				LocalDateTime at = LocalDateTime.ofInstant(ReconcileRun.this.at, ZoneOffset.UTC);
				List<Object[]> marks = new ArrayList<>();
				for (AppRow row : page) {
					if (!row.deleted()) {
						this.live++;
					}
					int slot = held.see(row.key());
					if (slot < 0) {
						if (!row.deleted() && row.updated() != null && row.updated().isBefore(at)) {
							marks.add(mark(row.key(), null, true, "PURGED"));
						}
					}
					else if (held.deleted(slot)) {
						if (!row.deleted()) {
							marks.add(mark(held.id(slot), held.modstamp(slot), true, "DELETE"));
						}
					}
					else if (held.newerThan(slot, row.updated())) {
						marks.add(mark(held.id(slot), held.modstamp(slot), false, "READ"));
					}
				}
				write(jdbc, marks);
				contribution.incrementWriteCount(marks.size());
				this.after = page.get(page.size() - 1).key();
				return RepeatStatus.CONTINUABLE;
			}
			if (this.unseen < 0) {
				checkPurged(jdbc, this.live);
				reportStaleOutbox(contribution);
				// The repairs need only the marks: the Ids' memory goes now.
				ReconcileRun.this.ids = null;
				return RepeatStatus.FINISHED;
			}
			// Missing from the app: read, unless a run decided this version already (a
			// record the rules skip is never in the app). Deleted ones are let be.
			Map<String, Integer> missing = new LinkedHashMap<>();
			while (this.unseen >= 0 && missing.size() < PAGE) {
				if (!held.deleted(this.unseen)) {
					missing.put(held.id(this.unseen), this.unseen);
				}
				this.unseen = held.nextUnseen(this.unseen + 1);
			}
			Map<String, LocalDateTime> decided = new HashMap<>();
			if (!missing.isEmpty()) {
				new NamedParameterJdbcTemplate(jdbc).query(
						"SELECT salesforce_id, modstamp FROM sync_unwritten WHERE connection_id = :connection AND"
								+ " object_type = :object AND state <> 'RESOLVED' AND salesforce_id IN (:ids)",
						new MapSqlParameterSource("connection", ReconcileRun.this.connectionId)
							.addValue("object", ReconcileRun.this.definition.name())
							.addValue("ids", List.copyOf(missing.keySet())),
						(RowCallbackHandler) (rs) -> {
							LocalDateTime modstamp = rs.getObject(2, LocalDateTime.class);
							if (modstamp != null) {
								decided.merge(rs.getString(1), modstamp, (a, b) -> a.isAfter(b) ? a : b);
							}
						});
			}
			List<Object[]> marks = new ArrayList<>();
			missing.forEach((id, slot) -> {
				if (held.newerThan(slot, decided.get(id))) {
					marks.add(mark(id, held.modstamp(slot), false, "READ"));
				}
			});
			write(jdbc, marks);
			contribution.incrementWriteCount(marks.size());
			return RepeatStatus.CONTINUABLE;
		}

		private Object[] mark(String id, @Nullable LocalDateTime modstamp, boolean deleted, String action) {
			return new Object[] { ReconcileRun.this.instanceId, id,
					(modstamp != null) ? Timestamp.valueOf(modstamp) : null, deleted, action };
		}

		/**
		 * The drifted Ids with what to do; a restart that compares again rewrites them.
		 */
		private static void write(JdbcTemplate jdbc, List<Object[]> marks) {
			if (!marks.isEmpty()) {
				jdbc.batchUpdate(
						"INSERT INTO sync_reconcile (job_instance_id, salesforce_id, modstamp, deleted, action)"
								+ " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE modstamp = VALUES(modstamp),"
								+ " deleted = VALUES(deleted), action = VALUES(action)",
						marks);
			}
		}

		/**
		 * Fails the run, deleting nothing, when more of the app's live rows are gone from
		 * Salesforce than the configured share.
		 */
		private void checkPurged(JdbcTemplate jdbc, @Nullable Long counted) {
			Integer purged = jdbc.queryForObject(
					"SELECT COUNT(*) FROM sync_reconcile WHERE job_instance_id = ? AND action = 'PURGED'",
					Integer.class, ReconcileRun.this.instanceId);
			if (purged == null || purged == 0) {
				return;
			}
			Long live = counted;
			if (live == null) {
				List<Object> arguments = new ArrayList<>(List.of(ReconcileRun.this.connectionId));
				arguments.addAll(this.fixedValues);
				live = jdbc.queryForObject(
						"SELECT COUNT(*) FROM " + ReconcileRun.this.table.name()
								+ " t WHERE t.connection_id = ? AND NOT t.deleted AND t."
								+ ReconcileRun.this.table.keyColumn() + " IS NOT NULL" + this.fixed,
						Long.class, arguments.toArray());
			}
			if (live != null && purged > ReconcileRun.this.maxPurged * live) {
				throw new MassPurgeRefused(purged + " of the " + live + " " + ReconcileRun.this.definition.name()
						+ " records the app holds are gone from Salesforce, more than sfsync.inbound.reconcile-max-purged ("
						+ ReconcileRun.this.maxPurged + ") allows; nothing was deleted. Check that the integration user"
						+ " can still read them; if they were purged, raise the setting and restart this run.");
			}
			logger.info("Reconcile of " + ReconcileRun.this.definition.name() + " for connection "
					+ ReconcileRun.this.connectionId + ": " + purged + " of " + live
					+ " records are gone from Salesforce and will be deleted");
		}

		/**
		 * Reports the object's app changes that waited in the outbox longer than the
		 * threshold: still pending, or failed for good. Two index ranges of the outbox.
		 */
		private void reportStaleOutbox(StepContribution contribution) {
			Instant before = ReconcileRun.this.at.minus(ReconcileRun.this.staleOutbox);
			OutboxStore.Backlog backlog = ReconcileRun.this.context.outbox()
				.backlog(ReconcileRun.this.connectionId, ReconcileRun.this.definition.name(), before);
			List<String> found = new ArrayList<>();
			if (backlog.pending() > 0) {
				found.add(backlog.pending() + " still pending");
			}
			if (backlog.failed() > 0) {
				found.add(backlog.failed() + " failed for good");
			}
			if (found.isEmpty()) {
				return;
			}
			String message = "App changes of " + ReconcileRun.this.definition.name() + " older than "
					+ ReconcileRun.this.staleOutbox.toMinutes() + " minutes in the outbox: " + String.join(", ", found)
					+ "; they are not in Salesforce";
			logger.warn("Reconcile of " + ReconcileRun.this.definition.name() + " for connection "
					+ ReconcileRun.this.connectionId + ": " + message);
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(message));
		}

	}

	/**
	 * Records this instance as the connection's and object type's reconcile, and deletes
	 * the rows of its earlier instances: they never completed, and this run reads every
	 * Id again.
	 */
	private void begin() {
		JdbcTemplate jdbc = this.context.jdbc();
		jdbc.update(
				"INSERT IGNORE INTO sync_reconcile_instance (job_instance_id, connection_id, object_type,"
						+ " started_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
				this.instanceId, this.connectionId, this.definition.name());
		jdbc.queryForList(
				"SELECT job_instance_id FROM sync_reconcile_instance WHERE connection_id = ? AND"
						+ " object_type = ? AND job_instance_id <> ?",
				Long.class, this.connectionId, this.definition.name(), this.instanceId)
			.forEach(this::clear);
	}

	/** Deletes an instance's rows, a page per statement, then the instance. */
	private void clear(long instance) {
		try {
			while (this.context.jdbc()
				.update("DELETE FROM sync_reconcile WHERE job_instance_id = ? LIMIT " + PAGE, instance) == PAGE) {
				// The next page.
			}
			this.context.jdbc().update("DELETE FROM sync_reconcile_instance WHERE job_instance_id = ?", instance);
		}
		catch (RuntimeException ex) {
			// The next reconcile of the object type deletes them.
			logger.warn("Could not delete the reconcile rows of " + this.definition.name() + " for connection "
					+ this.connectionId + ": " + ex.getMessage());
		}
	}

	/** An app row as {@code find-drift} compares it. */
	private record AppRow(String key, @Nullable LocalDateTime updated, boolean deleted) {
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

}
