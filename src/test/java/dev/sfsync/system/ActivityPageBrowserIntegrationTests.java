package dev.sfsync.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.sfsync.catalog.JobCatalog;
import dev.sfsync.connection.AuthFlow;
import dev.sfsync.connection.ConnectionRequest;
import dev.sfsync.connection.ConnectionService;
import dev.sfsync.connection.Credentials;
import dev.sfsync.emulator.Emulator;
import dev.sfsync.inbound.InboundLaunches;
import dev.sfsync.operations.JobParametersDefaults.Launch;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync activity page in a real browser (the system's Chromium, headless, through its
 * chromedriver) over real backfills of a seeded emulator org: sign in, switch tabs,
 * filter by object and by date, open a run, read a skipped record's message and download
 * the errors CSV. Screenshots at 1280 and 390 px wide are saved under
 * {@code target/screenshots/}. It sits with the whole-system tests, whose classes
 * Failsafe hands out first: it spends about a minute waiting on the page's refreshes, and
 * among the last classes it kept the other test JVMs waiting at the end of the suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sfsync.security.users[0].username=admin",
		"sfsync.security.users[0].password={bcrypt}$2a$04$RWv6ikiw3AzjFhMlQqXJreHWa8kQM9DR6PFIK.ztTWMKLSqUHs6NS",
		"sfsync.security.users[0].roles=PLATFORM", "sfsync.security.users[1].username=operator",
		"sfsync.security.users[1].password={bcrypt}$2a$04$6.UncRf8DEcohsCobwImCuC3Uzj19NTOg2HagxzGF5SiohD1qmJUm",
		"sfsync.security.users[1].roles=OPERATOR", "sfsync.security.users[1].connections=acme" })
class ActivityPageBrowserIntegrationTests extends IntegrationTestSupport {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static Emulator emulator;

	@LocalServerPort
	int port;

	@Autowired
	ConnectionService connections;

	@Autowired
	InboundLaunches launches;

	@Autowired
	JobCatalog catalog;

	@Autowired
	JobRegistry registry;

	@Autowired
	JobOperator operator;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	dev.sfsync.connection.ApiCalls apiCalls;

	/**
	 * One browser for the class: each test starts signed out, at 1280 px, with no
	 * downloads.
	 */
	private static ChromeDriver shared;

	private static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

	private ChromeDriver browser;

	private WebDriverWait wait;

	private Path downloads;

	private JobExecution contacts;

	@BeforeAll
	static void startEmulatorAndBrowser() throws IOException {
		emulator = TestEmulator.get();
		assertThat(CHROMIUM).as("Debian's chromium (.ci/run installs it: apt-get install chromium chromium-driver)")
			.isExecutable();
		assertThat(CHROMEDRIVER).as("Debian's chromium-driver").isExecutable();
		Files.createDirectories(DOWNLOADS);
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1280,900", "--lang=en-US")
			.setExperimentalOption("prefs",
					Map.of("download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		shared = new ChromeDriver(service, options);
	}

	@AfterAll
	static void closeTheBrowser() {
		if (shared != null) {
			shared.quit();
		}
	}

	@BeforeEach
	void startFromAFreshPage() throws Exception {
		TestDatabase.get().reset();
		this.downloads = DOWNLOADS;
		try (Stream<Path> files = Files.list(this.downloads)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		this.browser = shared;
		// Signed out of sfsync and of the emulator's Salesforce sign-in alike.
		this.browser.get("about:blank");
		this.browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		this.browser.manage().window().setSize(new Dimension(1280, 900));
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		// The page refreshes itself: an element may be replaced between finding and using
		// it.
		this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
	}

	@Test
	void anAdminSignsInFiltersOpensARunReadsASkippedRecordsMessageAndExportsTheErrors() throws Exception {
		syncASeededOrg();
		// A scheduled poll then found no change in the contacts: no run, a time checked.
		this.jdbc.update("UPDATE sync_state SET last_poll_at = UTC_TIMESTAMP(6) WHERE connection_id = 'acme'"
				+ " AND object_type = 'contact' AND direction = 'inbound'");
		signIn();
		assertThat(text("health-summary"))
			.startsWith("Failing: Lead. Open the failed run to see the cause and what to do.");
		List<String> health = texts("#health-list li");
		assertThat(health).filteredOn((entry) -> entry.contains("Last checked"))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("Contact · inbound");
		screenshot("overview-1280");
		view("activity");
		List<WebElement> runs = runRows();
		assertThat(runs).hasSize(3);
		assertThat(runs.get(0).getText()).contains("Backfilled contacts from Salesforce").contains("Completed");
		assertThat(runs.get(1).getText()).contains("Backfilled accounts from Salesforce");
		assertThat(runs.get(2).getText()).contains("Pushed contact updates to Salesforce");
		assertThat(this.browser.findElements(By.cssSelector("#runs thead th"))
			.stream()
			.map((th) -> th.getAttribute("textContent").strip())
			.toList()).containsExactly("Started at", "Ended at", "Object", "Operation", "Status", "New", "Updated",
					"Deleted", "Failed", "Skipped", "Duration", "Open");
		assertThat(runs.get(0).findElement(By.cssSelector("td.operations")).getText()).contains("Pull updates");
		assertThat(pageOverflow()).as("no sideways scrolling at 1280 px").isZero();
		screenshot("activity-1280");

		// The tabs, by keyboard: right arrow to Inbound, then to Outbound.
		WebElement all = this.browser.findElement(By.id("tab-all"));
		all.sendKeys(Keys.ARROW_RIGHT);
		this.wait.until((driver) -> runRows().size() == 2);
		assertThat(this.browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-inbound");
		this.browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
		this.wait.until((driver) -> runRows().size() == 1);
		assertThat(firstRun(WebElement::getText)).contains("Pushed contact updates to Salesforce");
		this.browser.findElement(By.id("tab-all")).click();
		this.wait.until((driver) -> runRows().size() == 3);
		new Select(this.browser.findElement(By.id("status"))).selectByValue("Incomplete");
		this.browser.findElement(By.id("apply")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-match")));
		assertThat(this.browser.findElement(By.id("empty")).isDisplayed()).isFalse();
		new Select(this.browser.findElement(By.id("status"))).selectByValue("");

		// By object type, then by date: the failed lead run of 8 days ago.
		new Select(this.browser.findElement(By.id("objectType"))).selectByValue("contact");
		this.browser.findElement(By.id("apply")).click();
		this.wait.until((driver) -> runRows().size() == 2);
		new Select(this.browser.findElement(By.id("objectType"))).selectByValue("");
		setDate("from", LocalDate.now(ZoneOffset.UTC).minusDays(9) + "T00:00:00");
		setDate("to", LocalDate.now(ZoneOffset.UTC).minusDays(7) + "T00:00:00");
		this.browser.findElement(By.id("apply")).click();
		this.wait.until((driver) -> runRows().size() == 1 && runRows().get(0).getText().contains("Failed"));
		assertThat(firstRun(WebElement::getText)).contains("Synced leads from Salesforce");
		click(By.cssSelector("#runs-body tr:first-child button.view"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-failure")));
		assertThat(text("run-failure")).contains("API limit exceeded")
			.contains(
					"What to do: Wait for the limit to reset, and review your usage under Rate limits. Open Rate limits")
			.contains("Detail: SalesforceException: API budget reached")
			.contains("sfsync reads the usage again from 2026-11-28T08:05:00Z");
		this.browser.findElement(By.id("close-run")).click();

		// Back to the last five days; open the contact backfill and its skipped records.
		setDate("from", LocalDate.now(ZoneOffset.UTC).minusDays(5) + "T00:00:00");
		setDate("to", "");
		this.browser.findElement(By.id("apply")).click();
		this.wait.until((driver) -> runRows().size() == 3);
		WebElement contactRun = this.browser
			.findElement(By.cssSelector("tr[data-run='" + this.contacts.getId() + "'] button.view"));
		contactRun.sendKeys(Keys.ENTER);
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-dialog")));
		assertThat(text("run-title")).isEqualTo("Backfilled contacts from Salesforce");
		assertThat(text("steps-body")).contains("Pull updates");
		new Select(this.browser.findElement(By.id("outcome"))).selectByValue("skipped");
		this.wait.until((driver) -> !text("records-body").isEmpty()
				&& text("records-body").lines().noneMatch((line) -> line.startsWith("Success")));
		String skipped = text("records-body");
		assertThat(skipped).contains("Missing email address")
			.contains("The Lead or Contact has no email address. Contacts in the app must have an email address.")
			.contains("003");
		assertThat(skipped).contains("Waiting")
			.contains("Waiting for its account: the next runs try it again, and sync it once it has arrived.");
		// Each record is named as people know it, and links to itself in the org.
		String instanceUrl = this.jdbc.queryForObject("SELECT instance_url FROM connections WHERE id = 'acme'",
				String.class);
		assertThat(instanceUrl).as("kept at sign-in").startsWith(emulator.baseUrl().replaceAll("/+$", ""));
		List<String> labels = texts("#records-body .record-label");
		assertThat(labels).as("skipped contacts without an email are named by their names")
			.isNotEmpty()
			.allSatisfy((label) -> assertThat(label).isNotBlank());
		List<String> link = this.wait.until((driver) -> {
			List<WebElement> links = driver.findElements(By.cssSelector("#records-body a"));
			return links.isEmpty() ? null : List.of(links.get(0).getAttribute("href"), links.get(0).getText(),
					links.get(0).getAttribute("rel"));
		});
		assertThat(link.get(0)).isEqualTo(instanceUrl.replaceAll("/+$", "") + "/" + link.get(1));
		assertThat(link.get(2)).contains("noopener");
		((JavascriptExecutor) this.browser)
			.executeScript("document.getElementById('records').scrollIntoView({block: 'start'})");
		screenshot("run-1280");
		this.browser.manage().window().setSize(new Dimension(390, 844));
		screenshot("run-390");
		// A record that waited and was synced later links to the run that synced it.
		this.browser.findElement(By.cssSelector("#records-body button.synced-in")).click();
		this.wait.until((driver) -> text("run-title").equals("Backfilled accounts from Salesforce"));
		this.browser.findElement(By.id("close-run")).sendKeys(Keys.ENTER);
		screenshot("activity-390");
		((JavascriptExecutor) this.browser)
			.executeScript("document.getElementById('runs-heading').scrollIntoView({block: 'start'})");
		screenshot("runs-390");
		this.browser.manage().window().setSize(new Dimension(1280, 900));

		// Export: the errors CSV of the runs shown.
		this.browser.findElement(By.id("export")).click();
		Path csv = this.downloads.resolve("sync-errors.csv");
		this.wait.until((driver) -> Files.exists(csv) && size(csv) > 0);
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		int errors = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_record_outcome WHERE outcome IN ('SKIPPED', 'FAILED')", Integer.class);
		assertThat(errors).isPositive();
		assertThat(lines).hasSize(errors + 1);
		assertThat(lines.get(0)).startsWith("Run,\"Run description\"");
		assertThat(lines).anyMatch((line) -> line.contains("Missing email address"));
	}

	@Test
	void withNoRunsThePageSaysNoSyncActivityYet() throws Exception {
		signIn();
		assertThat(text("health-summary")).isEqualTo("No sync activity yet");
		view("activity");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
		assertThat(text("empty")).startsWith("No sync activity yet");
		assertThat(this.browser.findElement(By.id("runs")).isDisplayed()).isFalse();
		screenshot("empty-1280");
	}

	@Test
	void runsAppearAndCountTheirRecordsWithoutAReloadAndTheHealthCardFollowsThem() throws Exception {
		signIn();
		view("activity");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
		PlantedRuns planted = new PlantedRuns(this.repository, this.jdbc);
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		long running = planted.run("contact-inbound", "acme", "2026-11-01T08", BatchStatus.STARTED,
				ExitStatus.EXECUTING, now.minusSeconds(30), null);
		long step = planted.step(running, "pull-updates", BatchStatus.STARTED, 10, 4, 0, 0, 0, 0);
		// No reload: the empty state turns into the list by itself.
		this.wait.until((driver) -> runRows().size() == 1);
		assertThat(this.browser.findElement(By.id("empty")).isDisplayed()).isFalse();
		view("overview");
		this.wait.until((driver) -> text("health-summary").equals("Syncing… 1 run in progress."));
		view("activity");
		click(By.cssSelector("#runs-body tr:first-child button.view"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-dialog")));
		assertThat(cellText("#steps-body tr td:nth-child(3)")).isEqualTo("4");

		// A chunk commits: the open run and the list count it.
		this.jdbc.update("UPDATE sync_step_counts SET created_count = 2004 WHERE step_execution_id = ?", step);
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET READ_COUNT = 2010, PROCESS_SKIP_COUNT = 2"
				+ " WHERE STEP_EXECUTION_ID = ?", step);
		this.wait.until((driver) -> cellText("#steps-body tr td:nth-child(3)").equals("2004"));
		assertThat(cellText("#steps-body tr td:nth-child(6)")).isEqualTo("2");
		this.browser.findElement(By.id("close-run")).click();
		this.wait.until((driver) -> cellText("#runs-body tr td:nth-child(6)").equals("2004"));

		// It completes with failed records, beside an account run without problems: the
		// card
		// warns and links to the contact runs with problems.
		this.jdbc.update(
				"UPDATE BATCH_STEP_EXECUTION SET STATUS = 'COMPLETED', END_TIME = ?, EXIT_MESSAGE = ?"
						+ " WHERE STEP_EXECUTION_ID = ?",
				now, "App changes of contact older than 60 minutes in the outbox: 1"
						+ " still pending; they are not in Salesforce",
				step);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'COMPLETED', EXIT_CODE = 'COMPLETED', END_TIME = ?"
				+ " WHERE JOB_EXECUTION_ID = ?", now, running);
		// What the completed step reported shows under its operation.
		this.wait.until((driver) -> cellText("#runs-body tr:first-child td:nth-child(5)").contains("Completed"));
		click(By.cssSelector("#runs-body tr:first-child button.view"));
		this.wait.until((driver) -> text("steps-body").contains("1 still pending; they are not in Salesforce"));
		assertThat(this.browser.findElement(By.cssSelector("#steps-body .step-note")).getText())
			.startsWith("App changes of contact older than 60 minutes");
		this.browser.findElement(By.id("close-run")).click();
		long accounts = planted.completed("account-inbound", "acme", "2026-11-01T08", now.minusSeconds(20), now);
		planted.step(accounts, "pull-updates", BatchStatus.COMPLETED, 3, 3, 0, 0, 0, 0);
		long failed = planted.run("lead-inbound", "acme", "2026-11-01T08", BatchStatus.FAILED,
				new ExitStatus("UNKNOWN_ERROR",
						"DeadlockLoserDataAccessException: Deadlock found when trying to get lock; try restarting"
								+ " transaction"),
				now.minusSeconds(10), now);
		view("overview");
		this.wait.until((driver) -> text("health-summary").startsWith("Failing: Lead."));
		assertThat(text("health-summary")).isEqualTo("Failing: Lead. Open the failed run to see the cause and what"
				+ " to do. Records failed in the last run of: Contact.");
		String health = this.wait.until((driver) -> contactsHealth(driver).getAttribute("class"));
		assertThat(health).isEqualTo("warning");
		screenshot("health-problems-1280");
		this.wait.until((driver) -> {
			contactsHealth(driver).findElement(By.cssSelector("button.problems-link")).sendKeys(Keys.ENTER);
			return true;
		});
		this.wait.until((driver) -> runRows().size() == 1);
		assertThat(firstRun((row) -> row.getAttribute("data-run"))).isEqualTo(String.valueOf(running));
		assertThat(this.browser.findElement(By.id("panel-activity")).isDisplayed()).isTrue();
		assertThat(this.browser.findElement(By.id("problems")).isSelected()).isTrue();
		assertThat(this.browser.findElement(By.id("tab-inbound")).getAttribute("aria-selected")).isEqualTo("true");

		// The failed run's real cause, under "Unknown error".
		this.browser.findElement(By.id("problems")).click();
		new Select(this.browser.findElement(By.id("objectType"))).selectByValue("");
		this.browser.findElement(By.id("apply")).click();
		this.wait.until((driver) -> runRows().size() == 3);
		this.browser.findElement(By.cssSelector("tr[data-run='" + failed + "'] button.view")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-failure")));
		assertThat(text("run-failure")).contains("Unknown error")
			.contains("Detail: DeadlockLoserDataAccessException: Deadlock found when trying to get lock");
		this.browser.findElement(By.id("close-run")).click();

		// A phone: each run is one compact card, the health card one summary line.
		this.browser.manage().window().setSize(new Dimension(390, 844));
		this.browser.navigate().refresh();
		this.wait.until((driver) -> driver.findElement(By.id("panel-activity")).isDisplayed());
		view("overview");
		this.wait.until((driver) -> !text("health-summary").isEmpty() && !text("health-summary").equals("Loading…"));
		assertThat(this.browser.findElement(By.id("health-details")).getAttribute("open")).isNull();
		assertThat(this.browser.findElement(By.id("health")).getSize().getHeight()).isLessThan(320);
		screenshot("overview-390");
		view("activity");
		this.wait.until((driver) -> runRows().size() == 3);
		for (WebElement row : runRows()) {
			assertThat(row.getSize().getHeight()).isLessThan(200);
			assertThat(row.findElement(By.cssSelector("td.compact-counts")).getText()).contains(" new · ");
		}
		assertThat(pageOverflow()).as("no sideways scrolling at 390 px").isZero();
		screenshot("runs-compact-390");
		this.browser.manage().window().setSize(new Dimension(1280, 900));
	}

	@Test
	void theOverviewShowsTheConnectionReconnectsItAfterItsAccessWasRevokedAndRateLimitsShowItsCalls() throws Exception {
		EmulatorAdmin orgs = new EmulatorAdmin(emulator.baseUrl());
		EmulatorAdmin.Org org = orgs.seededOrg("Overview Org", Map.of("Account", 3, "Contact", 4), 0.0);
		this.connections.create(refreshTokenConnection(org, orgs.refreshToken(org)));
		assertThat(runNext("account").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		this.apiCalls.flush();
		signIn("operator", "operator-test");
		// The connections load after the health summary.
		WebElement card = this.wait.until(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#connections [data-connection='acme']")));
		assertThat(card.findElement(By.cssSelector(".connection-status")).getText()).isEqualTo("Connected");
		String instanceUrl = this.jdbc.queryForObject("SELECT instance_url FROM connections WHERE id = 'acme'",
				String.class);
		assertThat(card.getText()).contains("Acme")
			.contains("Org\n" + instanceUrl)
			.contains("Integration user\n" + org.username());
		card.findElement(By.cssSelector(".last-syncs summary")).click();
		assertThat(card.findElement(By.cssSelector(".last-syncs")).getText()).contains("Account inbound")
			.contains("Contact inbound Not yet")
			.doesNotContain("Account inbound Not yet");
		screenshot("overview-connected-1280");

		// The org's admin revokes the connected app's access: the next run's sign-in is
		// refused, and the card says what to do.
		orgs.revokeAccess(org);
		assertThat(runNext("contact").getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.jdbc.queryForObject("SELECT sign_in_refusal FROM connections WHERE id = 'acme'", String.class))
			.contains("invalid_grant");
		this.wait.until((driver) -> status("acme").equals("Needs reconnect"));
		card = this.browser.findElement(By.cssSelector("#connections [data-connection='acme']"));
		assertThat(card.findElement(By.cssSelector(".what-to-do")).getText())
			.startsWith("Salesforce refused sfsync's sign-in")
			.endsWith("press Reconnect Salesforce and sign in to Salesforce as the integration user to allow"
					+ " sfsync again.");
		screenshot("overview-needs-reconnect-1280");

		// Reconnect: the test sign-in is refused, so the web-server flow takes the
		// browser to
		// Salesforce's sign-in, where the integration user allows sfsync, and back.
		card.findElement(By.cssSelector("button.reconnect")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("allow")));
		assertThat(this.browser.getCurrentUrl()).startsWith(emulator.baseUrl() + "/services/oauth2/authorize?");
		this.browser.findElement(By.id("username")).sendKeys(org.username());
		this.browser.findElement(By.id("password")).sendKeys(org.password());
		this.browser.findElement(By.id("allow")).click();
		this.wait.until((driver) -> text("overview-result").equals("acme: Connected to Salesforce"));
		this.wait.until((driver) -> status("acme").equals("Connected"));
		assertThat(this.browser.getCurrentUrl()).endsWith("/#overview");
		assertThat(this.jdbc.queryForList("SELECT CONCAT(action, ' ', outcome, ' ', detail) FROM sync_operator_audit"
				+ " WHERE action = 'connection-authorize'", String.class))
			.singleElement(InstanceOfAssertFactories.STRING)
			.startsWith("connection-authorize DONE")
			.endsWith("authorized again through the web-server flow");
		assertThat(runNext("contact").getStatus()).as("runs sign in with the new grant")
			.isEqualTo(BatchStatus.COMPLETED);
		// The flow's callback takes a state only once, and only in the session that
		// started it.
		this.browser.get("http://localhost:" + this.port + "/api/connections/oauth/callback?code=x&state=forged");
		this.wait
			.until((driver) -> text("overview-result").startsWith("Salesforce: This sign-in was not started here"));

		// Pause and resume, as an operator.
		this.browser.findElement(By.cssSelector("#connections [data-connection='acme'] button.pause")).click();
		this.wait.until((driver) -> status("acme").equals("Paused"));
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM connections WHERE id = 'acme'", Boolean.class))
			.isFalse();
		this.browser.findElement(By.cssSelector("#connections [data-connection='acme'] button.resume")).click();
		this.wait.until((driver) -> status("acme").equals("Connected"));

		// Rate limits: the org's usage against its allocation, the budget and sfsync's
		// calls.
		this.apiCalls.flush();
		view("rate-limits");
		this.wait.until((driver) -> !driver.findElements(By.cssSelector("#rate-limits .calls-table")).isEmpty());
		String limits = text("rate-limits");
		assertThat(limits).containsPattern("[0-9,]+ of [0-9,]+ API calls used in the org's last 24 hours")
			.contains("A run stops once it has used 25 % of the daily allocation")
			.contains("while the org has used 80 % of it");
		List<String> rows = texts("#rate-limits .calls-table tbody tr");
		assertThat(rows).anyMatch((row) -> row.startsWith("Account Bulk API"))
			.anyMatch((row) -> row.startsWith("Contact Describe"));
		assertThat(this.browser.findElements(By.cssSelector("#rate-limits svg.calls-chart rect"))).isNotEmpty();
		screenshot("rate-limits-1280");
		this.browser.manage().window().setSize(new Dimension(390, 844));
		assertThat(pageOverflow()).as("no sideways scrolling at 390 px").isZero();
		screenshot("rate-limits-390");
		view("overview");
		screenshot("overview-connections-390");
		this.browser.manage().window().setSize(new Dimension(1280, 900));
	}

	private static ConnectionRequest refreshTokenConnection(EmulatorAdmin.Org org, String refreshToken) {
		return new ConnectionRequest("acme", "Acme", emulator.baseUrl(), AuthFlow.REFRESH_TOKEN, org.consumerKey(),
				org.username(), new Credentials(org.consumerSecret(), null, refreshToken, null), null, null, null);
	}

	private String status(String connection) {
		List<WebElement> status = this.browser
			.findElements(By.cssSelector("#connections [data-connection='" + connection + "'] .connection-status"));
		return status.isEmpty() ? "" : status.get(0).getText();
	}

	@Test
	void thePageHasAFaviconAndEveryControlIsReachableByKeyboard() throws Exception {
		syncASeededOrg();
		signIn();
		String icon = this.browser.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href");
		Object status = ((JavascriptExecutor) this.browser).executeAsyncScript(
				"const done = arguments[arguments.length - 1]; fetch(arguments[0]).then((r) => done(r.status + ' '"
						+ " + r.headers.get('Content-Type')))",
				icon);
		assertThat(String.valueOf(status)).startsWith("200 image/svg+xml");
		// Tab through the page: every visible button, link, field and tab is reached. The
		// list refreshes itself meanwhile, so controls are told apart by what they say.
		String key = "const e = arguments[0] || document.activeElement; return e.tagName + '|' + (e.id"
				+ " || e.getAttribute('aria-label') || e.textContent.trim());";
		JavascriptExecutor js = (JavascriptExecutor) this.browser;
		java.util.Set<Object> controls = new java.util.HashSet<>();
		for (WebElement control : this.browser.findElements(By
			.cssSelector("main button:not([tabindex='-1']), main a[href], main input, main select, main summary"))) {
			if (control.isDisplayed() && control.isEnabled()) {
				controls.add(js.executeScript(key, control));
			}
		}
		java.util.Set<Object> reached = new java.util.HashSet<>();
		this.browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
		for (int i = 0; i < 300 && !reached.containsAll(controls); i++) {
			reached.add(js.executeScript(key, (Object) null));
			this.browser.switchTo().activeElement().sendKeys(Keys.TAB);
		}
		assertThat(controls).hasSizeGreaterThan(10);
		assertThat(reached).containsAll(controls);

		// WCAG AA: every visible text of each view has a contrast of 4.5 with what is
		// behind
		// it (3 when large).
		for (String name : List.of("overview", "activity", "rate-limits")) {
			view(name);
			@SuppressWarnings("unchecked")
			List<String> lowContrast = (List<String>) js.executeScript(CONTRAST);
			assertThat(lowContrast).as(name).isEmpty();
		}
	}

	/**
	 * The visible texts whose contrast with their background is below WCAG AA: 4.5, or 3
	 * for large text (24 px, or 18.66 px bold). Disabled controls are exempt.
	 */
	private static final String CONTRAST = """
			const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
			const luminance = ([r, g, b]) => [r, g, b].map((v) => {
				v /= 255;
				return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
			}).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
			const background = (node) => {
				for (let e = node; e; e = e.parentElement) {
					const c = rgb(getComputedStyle(e).backgroundColor);
					if (c.length === 3 || (c.length === 4 && c[3] > 0)) {
						return c.slice(0, 3);
					}
				}
				return [255, 255, 255];
			};
			const low = [];
			for (const e of document.querySelectorAll('body *')) {
				const text = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
				if (!text || e.closest('[hidden], :disabled, dialog:not([open])') || e.getClientRects().length === 0) {
					continue;
				}
				const style = getComputedStyle(e);
				const fg = rgb(style.color);
				const [a, b] = [luminance(fg.slice(0, 3)), luminance(background(e))].sort((x, y) => y - x);
				const ratio = (a + 0.05) / (b + 0.05);
				const size = parseFloat(style.fontSize);
				const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
				if (ratio < (large ? 3 : 4.5)) {
					low.push(text.slice(0, 40) + ': ' + ratio.toFixed(2));
				}
			}
			return low;""";

	/**
	 * Backfills of accounts and contacts from a seeded org with bad records, an outbound
	 * run and a failed lead run of 8 days ago.
	 */
	private void syncASeededOrg() throws Exception {
		EmulatorAdmin.Org org = new EmulatorAdmin(emulator.baseUrl()).seededOrg("Browser Org",
				Map.of("Account", 5, "Contact", 40), 0.2);
		this.connections.create(new ConnectionRequest("acme", "Acme", emulator.baseUrl(), AuthFlow.USERNAME_PASSWORD,
				org.consumerKey(), org.username(), new Credentials(org.consumerSecret(), org.password(), null, null),
				null, null, null));
		JobExecution accounts = runNext("account");
		this.contacts = runNext("contact");
		assertThat(accounts.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.contacts.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// An outbound run and an old run, planted: the outbound jobs arrive with another
		// issue.
		PlantedRuns planted = new PlantedRuns(this.repository, this.jdbc);
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		long outbound = planted.completed("contact-outbound", "acme", "2026-11-01T08", now.minusMinutes(3),
				now.minusMinutes(3).plusSeconds(2));
		planted.step(outbound, "push-updates", BatchStatus.COMPLETED, 3, 0, 3, 0, 0, 0);
		long old = planted.run("lead-inbound", "acme", "2026-10-01T08", BatchStatus.FAILED,
				PlantedRuns.failure(dev.sfsync.outcome.RunFailureCause.API_LIMIT_EXCEEDED,
						"SalesforceException: API budget reached: 80000 of 100000 daily API calls used, over the total"
								+ " budget of 80 % of the allocation; sfsync reads the usage again from"
								+ " 2026-11-28T08:05:00Z and runs resume once it is below the budget"),
				now.minusDays(8), now.minusDays(8).plusSeconds(40));
		planted.step(old, "pull-updates", BatchStatus.FAILED, 2000, 1990, 0, 0, 10, 0);
		// Two contacts skipped for their account: one waits, one was synced later.
		long pullUpdates = this.jdbc.queryForObject(
				"SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION"
						+ " WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'pull-updates'",
				Long.class, this.contacts.getId());
		for (String id : List.of("003000000000000W01", "003000000000000W02")) {
			planted.outcome(this.contacts.getId(), pullUpdates, "acme", "contact", "SKIPPED", "NO_ACCOUNT_ASSOCIATION",
					null, id, null, now.minusMinutes(4));
		}
		this.jdbc.update("INSERT INTO sync_unwritten (connection_id, object_type, salesforce_id, reason, state,"
				+ " first_execution_id, last_execution_id, resolved_execution_id, updated_at) VALUES"
				+ " ('acme', 'contact', '003000000000000W01', 'NO_ACCOUNT_ASSOCIATION', 'WAITING', ?, ?, NULL,"
				+ " UTC_TIMESTAMP(6)), ('acme', 'contact', '003000000000000W02', 'NO_ACCOUNT_ASSOCIATION', 'RESOLVED',"
				+ " ?, ?, ?, UTC_TIMESTAMP(6))", this.contacts.getId(), this.contacts.getId(), this.contacts.getId(),
				accounts.getId(), accounts.getId());
	}

	@Test
	void anOperatorStopsARunInProgressFromThePageAndSignsOut() throws Exception {
		PlantedRuns planted = new PlantedRuns(this.repository, this.jdbc);
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		long running = planted.run("contact-inbound", "acme", "2026-11-01T08", BatchStatus.STARTED,
				ExitStatus.EXECUTING, now.minusMinutes(2), null);
		planted.run("contact-inbound", "globex", "2026-11-01T08", BatchStatus.STARTED, ExitStatus.EXECUTING,
				now.minusMinutes(1), null);
		signIn("operator", "operator-test");
		view("activity");
		assertThat(runRows()).as("the operator sees acme's runs only").hasSize(1);
		assertThat(text("who")).isEqualTo("Signed in as operator");
		click(By.cssSelector("#runs-body tr:first-child button.view"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stop-run")));
		assertThat(this.browser.findElement(By.id("restart-run")).isDisplayed()).isFalse();
		this.browser.findElement(By.id("stop-run")).click();
		this.wait
			.until((driver) -> text("run-action-result").equals("Run " + running + " stops after its current chunk"));
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, running))
			.isIn("STOPPING", "STOPPED");
		this.browser.findElement(By.id("close-run")).click();
		this.browser.findElement(By.id("sign-out")).click();
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.get("http://localhost:" + this.port + "/api/activity/runs");
		assertThat(this.browser.getCurrentUrl()).as("signed out").contains("/login");
	}

	@Test
	void anOperatorResyncsARunsFailedRecordsAndReconcilesAnObjectTypeFromTheHealthCard() throws Exception {
		syncASeededOrg();
		signIn("operator", "operator-test");

		// Select errors → Resync: the contact backfill's failed records, read again by Id
		// by
		// a run started at once.
		view("activity");
		this.browser.findElement(By.cssSelector("tr[data-run='" + this.contacts.getId() + "'] button.view")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("resync-run")));
		this.browser.findElement(By.id("resync-run")).click();
		this.wait.until((driver) -> text("run-action-result").contains("started."));
		assertThat(text("run-action-result")).startsWith("2 failed records are read again from Salesforce by the next"
				+ " contact run, and decided again. Run ");
		long resynced = Long.parseLong(text("run-action-result").replaceAll(".* Run (\\d+) started\\.$", "$1"));
		screenshot("resync-1280");
		this.browser.manage().window().setSize(new Dimension(390, 844));
		screenshot("resync-390");
		this.browser.manage().window().setSize(new Dimension(1280, 900));
		this.browser.findElement(By.id("close-run")).click();
		this.wait.until((driver) -> "COMPLETED".equals(this.jdbc.queryForObject(
				"SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, resynced)));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_steps WHERE job_execution_id = ?"
				+ " AND step_name = 'retry-waiting' AND failed_count = 2", Integer.class, resynced))
			.as("decided again: the seeded bad records fail again, with today's reasons")
			.isEqualTo(1);
		view("overview");
		// The card follows the runs by itself: its controls are looked up as they are
		// now.
		this.wait.until((driver) -> {
			WebElement contacts = driver.findElements(By.cssSelector("#health-list li"))
				.stream()
				.filter((entry) -> entry.getText().startsWith("Contact · inbound"))
				.findFirst()
				.orElse(null);
			if (contacts == null) {
				return false;
			}
			WebElement reconcile = contacts.findElement(By.cssSelector("button.reconcile"));
			assertThat(reconcile.getAttribute("aria-label")).isEqualTo("Reconcile Contact with Salesforce");
			reconcile.click();
			return true;
		});
		this.wait
			.until((driver) -> text("health-action-result").startsWith("Reconciling Contact with Salesforce: run"));
		long id = Long.parseLong(text("health-action-result").replaceAll("\\D", ""));
		assertThat(
				this.jdbc.queryForObject("SELECT job_name FROM sync_run WHERE job_execution_id = ?", String.class, id))
			.isEqualTo("contact-reconcile");
		view("activity");
		this.wait.until((driver) -> runRows().stream()
			.anyMatch((row) -> row.getText().contains("Reconciled contacts with Salesforce")));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_operator_audit WHERE action = 'start' AND" + " job_execution_id = ?",
				Integer.class, id))
			.as("audited")
			.isEqualTo(1);
		screenshot("reconcile-1280");
		this.wait.until((driver) -> "COMPLETED".equals(this.jdbc
			.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, id)));
	}

	private JobExecution runNext(String objectType) throws Exception {
		Launch launch = this.launches.next(this.catalog.find(objectType).orElseThrow(), "acme");
		return this.operator.start(this.registry.getJob(launch.jobName()), launch.parameters());
	}

	private void signIn() {
		signIn("admin", "admin-test");
	}

	private void signIn(String username, String password) {
		this.browser.get("http://localhost:" + this.port + "/");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
		this.wait.until(ExpectedConditions.titleContains("Sync activity"));
		// The console opens on the Overview.
		this.wait.until((driver) -> !text("health-summary").isEmpty() && !text("health-summary").equals("Loading…"));
	}

	/** Opens a view (overview, activity or rate-limits) as a user would, by its tab. */
	private void view(String name) {
		this.browser.findElement(By.id("view-" + name)).click();
		this.wait.until((driver) -> driver.findElement(By.id("panel-" + name)).isDisplayed());
		if (name.equals("activity")) {
			this.wait.until((driver) -> !runRows().isEmpty() || driver.findElement(By.id("empty")).isDisplayed()
					|| driver.findElement(By.id("no-match")).isDisplayed());
		}
	}

	private List<WebElement> runRows() {
		return this.browser.findElements(By.cssSelector("#runs-body tr"));
	}

	/**
	 * Reads the first run row as it is when read: the page refreshes itself, and may
	 * replace the row between finding and reading it.
	 */
	private String firstRun(Function<WebElement, String> reading) {
		return this.wait.until((driver) -> {
			List<WebElement> rows = runRows();
			return rows.isEmpty() ? null : reading.apply(rows.get(0));
		});
	}

	/**
	 * The texts of the elements a selector finds, as they are when read: retried when the
	 * page replaced one between finding and reading it.
	 */
	private List<String> texts(String selector) {
		return this.wait.until(
				(driver) -> driver.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList());
	}

	/** The health card's entry of inbound contacts, as it is now. */
	private static WebElement contactsHealth(WebDriver driver) {
		return driver.findElements(By.cssSelector("#health-list li"))
			.stream()
			.filter((entry) -> entry.getText().startsWith("Contact · inbound"))
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("No health entry of inbound contacts"));
	}

	/**
	 * Clicks an element as it is when clicked: the page refreshes itself, and may replace
	 * it between finding and clicking.
	 */
	private void click(By element) {
		this.wait.until((driver) -> {
			driver.findElement(element).click();
			return true;
		});
	}

	/** How many pixels the page is wider than the window. */
	private long pageOverflow() {
		return (Long) ((JavascriptExecutor) this.browser)
			.executeScript("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
	}

	private String cellText(String selector) {
		List<WebElement> cells = this.browser.findElements(By.cssSelector(selector));
		return cells.isEmpty() ? "" : cells.get(0).getText();
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	/** Sets a datetime-local input as a user's date picker would. */
	private void setDate(String id, String value) {
		((JavascriptExecutor) this.browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]",
				id, value);
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path shot = this.browser.getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
