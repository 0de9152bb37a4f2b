package dev.sfsync.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into Salesforce's error body, {@code [{"message":…,"errorCode":…,
 * "fields":[…]}]}: bad input never gets a stack trace or a bare 500.
 */
@RestControllerAdvice
class ApiErrors {

	private static final Log logger = LogFactory.getLog(ApiErrors.class);

	@ExceptionHandler
	ResponseEntity<List<Map<String, Object>>> salesforce(SalesforceApiException ex) {
		return body(ex.status(), ex.errorCode(), ex.getMessage(), ex.fields());
	}

	@ExceptionHandler({ NoHandlerFoundException.class, NoResourceFoundException.class })
	ResponseEntity<List<Map<String, Object>>> notFound(Exception ex) {
		return body(HttpStatus.NOT_FOUND, "NOT_FOUND", "The requested resource does not exist", List.of());
	}

	@ExceptionHandler
	ResponseEntity<List<Map<String, Object>>> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		return body(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
				"HTTP Method '" + ex.getMethod() + "' not allowed. Allowed are " + ex.getSupportedHttpMethods(),
				List.of());
	}

	@ExceptionHandler
	ResponseEntity<List<Map<String, Object>>> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
		return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
				"Content type '" + ex.getContentType() + "' is not supported", List.of());
	}

	@ExceptionHandler
	ResponseEntity<List<Map<String, Object>>> unreadable(HttpMessageNotReadableException ex) {
		return body(HttpStatus.BAD_REQUEST, "JSON_PARSER_ERROR",
				"The request body is not valid JSON: " + ex.getMostSpecificCause().getMessage(), List.of());
	}

	@ExceptionHandler
	ResponseEntity<List<Map<String, Object>>> missingParameter(MissingServletRequestParameterException ex) {
		return body(HttpStatus.BAD_REQUEST, "MALFORMED_QUERY",
				"Missing required parameter '" + ex.getParameterName() + "'", List.of());
	}

	/** Bad input to the admin API. */
	@ExceptionHandler
	ResponseEntity<List<Map<String, Object>>> invalidInput(IllegalArgumentException ex) {
		return body(HttpStatus.BAD_REQUEST, "INVALID_INPUT", String.valueOf(ex.getMessage()), List.of());
	}

	@ExceptionHandler
	ResponseEntity<List<Map<String, Object>>> unexpected(Exception ex) {
		String errorId = UUID.randomUUID().toString();
		logger.error("Emulator error " + errorId, ex);
		return body(HttpStatus.INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
				"An unexpected error occurred. Please include this ErrorId if you contact support: " + errorId,
				List.of());
	}

	static ResponseEntity<List<Map<String, Object>>> body(HttpStatus status, String errorCode, String message,
			List<String> fields) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("errorCode", errorCode);
		error.put("fields", fields);
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
		if (status == HttpStatus.UNAUTHORIZED) {
			builder.header("WWW-Authenticate", "Token");
		}
		return builder.body(List.of(error));
	}

}
