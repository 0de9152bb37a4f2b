package dev.sfsync.system;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refuses a request body that is not the call's JSON with a 400 that says where the
 * problem is, never what was found there: Jackson's messages quote the text they stumbled
 * on, which may be a secret (a password left unquoted, a token given where an object
 * belongs), and Spring MVC's own handler would log that message at WARN.
 */
@RestControllerAdvice
class UnreadableRequestBodies {

	private static final Log logger = LogFactory.getLog(UnreadableRequestBodies.class);

	@ExceptionHandler
	ProblemDetail unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		String problem = (ex.getCause() instanceof JacksonException jackson) ? describe(jackson)
				: "is missing or cannot be read";
		logger.warn("Refused the body of " + request.getMethod() + " " + request.getRequestURI() + ": it " + problem);
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body " + problem);
	}

	/** Where a body went wrong, by key and position, without the text found there. */
	static String describe(JacksonException ex) {
		String key = ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."));
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
		if (ex instanceof StreamReadException) {
			return "is not valid JSON" + (key.isEmpty() ? "" : " in '" + key + "'") + where;
		}
		if (ex instanceof UnrecognizedPropertyException) {
			return "has '" + key + "', which this call does not take" + where;
		}
		return key.isEmpty() ? "is not what this call takes" + where
				: "has a value of the wrong type or shape in '" + key + "'" + where;
	}

}
