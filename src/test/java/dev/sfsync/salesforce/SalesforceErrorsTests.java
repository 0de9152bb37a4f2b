package dev.sfsync.salesforce;

import dev.sfsync.outcome.RunFailureCause;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceErrorsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void readsRestErrorArrays() {
		SalesforceException ex = SalesforceErrors.from(JSON, "update Contact", 400, "application/json",
				"[{\"message\":\"Required fields are missing: [Name]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"Name\"]}]",
				true);
		assertThat(ex.errors()).containsExactly(new SalesforceError("REQUIRED_FIELD_MISSING",
				"Required fields are missing: [Name]", java.util.List.of("Name")));
		assertThat(ex.handling()).isEqualTo(SalesforceException.Handling.RECORD);
		assertThat(ex.getMessage()).isEqualTo("Salesforce update Contact failed with HTTP 400 REQUIRED_FIELD_MISSING:"
				+ " Required fields are missing: [Name]");
	}

	@Test
	void readsCollectionsStatusCodesAndOAuthErrors() {
		assertThat(SalesforceErrors
			.error(JSON.readTree(
					"{\"statusCode\":\"DUPLICATES_DETECTED\",\"message\":\"Use one of these records?\",\"fields\":[]}"))
			.code()).isEqualTo("DUPLICATES_DETECTED");
		SalesforceException oauth = SalesforceErrors.from(JSON, "login", 400, "application/json",
				"{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}", false);
		assertThat(oauth.errorCode()).isEqualTo("invalid_grant");
		assertThat(oauth.runFailureCause()).isEqualTo(RunFailureCause.AUTHENTICATION_FAILURE);
	}

	@Test
	void anHtml503PageIsATransientErrorNotAParseFailure() {
		SalesforceException ex = SalesforceErrors.from(JSON, "query", 503, "text/html; charset=UTF-8",
				"<html><body>Maintenance</body></html>", false);
		assertThat(ex.errorCode()).isEqualTo("SERVER_UNAVAILABLE");
		assertThat(ex.isTransient()).isTrue();
	}

	@Test
	void aBodyThatIsNotJsonIsAnErrorOfItsOwn() {
		SalesforceException ex = SalesforceErrors.from(JSON, "query", 400, "application/json", "{\"oops", false);
		assertThat(ex.errorCode()).isEqualTo("MALFORMED_RESPONSE");
		assertThat(ex.errors().get(0).message()).contains("{\"oops");
	}

	@Test
	void classifiesEachFailureOnce() {
		assertThat(classify(401, "INVALID_SESSION_ID", "Session expired or invalid", false))
			.isEqualTo("RUN AUTHENTICATION_FAILURE");
		assertThat(classify(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", false))
			.isEqualTo("RUN API_LIMIT_EXCEEDED");
		assertThat(classify(403, "REQUEST_LIMIT_EXCEEDED",
				"ConcurrentRequests (Concurrent API Requests) Limit exceeded.", false))
			.startsWith("TRANSIENT");
		assertThat(classify(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access", true))
			.startsWith("TRANSIENT");
		assertThat(classify(503, "SERVER_UNAVAILABLE", "Server too busy", false)).startsWith("TRANSIENT");
		assertThat(classify(403, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.", false))
			.isEqualTo("RUN INSUFFICIENT_PERMISSIONS");
		assertThat(classify(400, "INVALID_TYPE", "sObject type 'Lead' is not supported.", false))
			.isEqualTo("RUN INSUFFICIENT_PERMISSIONS");
		assertThat(classify(400, "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id", true))
			.startsWith("RECORD");
		assertThat(classify(400, "MALFORMED_QUERY", "unexpected token", false)).isEqualTo("RUN UNKNOWN_ERROR");
		assertThat(SalesforceErrors.noResponse("query", new java.net.SocketTimeoutException("Read timed out"))
			.isTransient()).isTrue();
	}

	@Test
	void apiUsageComesFromSforceLimitInfo() {
		assertThat(ApiUsage.parse("api-usage=10018/100000")).contains(new ApiUsage(10018, 100000));
		assertThat(ApiUsage.parse("per-app-api-usage=17/250(appName=sample)")).isEmpty();
		assertThat(ApiUsage.parse(null)).isEmpty();
		assertThat(new ApiUsage(25, 100).share()).isEqualTo(0.25);
	}

	private static String classify(int status, String code, String message, boolean recordLevel) {
		SalesforceException ex = SalesforceErrors.from(JSON, "call", status, "application/json",
				"[{\"message\":\"" + message + "\",\"errorCode\":\"" + code + "\"}]", recordLevel);
		return ex.handling() + " " + ex.runFailureCause();
	}

	@Test
	void onlyErrorBodiesOfSalesforcesKindAreSalesforcesAnswers() {
		assertThat(SalesforceErrors.answeredBySalesforce(SalesforceErrors.from(JSON, "login", 400, "application/json",
				"{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}", false)))
			.isTrue();
		assertThat(SalesforceErrors.answeredBySalesforce(SalesforceErrors.from(JSON, "limits", 403, "application/json",
				"[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", false)))
			.isTrue();
		assertThat(SalesforceErrors.answeredBySalesforce(
				SalesforceErrors.noResponse("login", new java.net.ConnectException("Connection refused"))))
			.isFalse();
		assertThat(SalesforceErrors.answeredBySalesforce(SalesforceErrors.from(JSON, "login", 401, "application/json",
				"{\"status\":401,\"error\":\"Unauthorized\"}", false)))
			.isFalse();
		assertThat(SalesforceErrors.answeredBySalesforce(
				SalesforceErrors.from(JSON, "login", 404, "text/html", "<html>Not Found</html>", false)))
			.isFalse();
		assertThat(SalesforceErrors
			.answeredBySalesforce(SalesforceErrors.from(JSON, "login", 503, "text/html", "<html>busy</html>", false)))
			.isFalse();
		assertThat(SalesforceErrors
			.answeredBySalesforce(SalesforceErrors.from(JSON, "login", 200, null, "SSH-2.0-OpenSSH", false))).isFalse();
		assertThat(SalesforceErrors.answeredBySalesforce(SalesforceErrors.from(JSON, "login", 401, null, "", false)))
			.isFalse();
	}

}
