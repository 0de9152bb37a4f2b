package dev.sfsync.emulator;

import java.io.EOFException;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The "connection dropped mid-response" fault: when an org asks for it, a share of its
 * responses announce their full length, send half the body and break off, as a network
 * failure would. Responses are only held back while some org has the fault set.
 */
@Component
class ConnectionDropFilter extends OncePerRequestFilter {

	private final Faults faults;

	ConnectionDropFilter(Faults faults) {
		this.faults = faults;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.faults.anyDrops() || !request.getRequestURI().startsWith("/services/data/")) {
			chain.doFilter(request, response);
			return;
		}
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, held);
		if (request.getAttribute(ApiGate.ORG) instanceof Org org && this.faults.dropsThisResponse(org)) {
			byte[] body = held.getContentAsByteArray();
			response.setContentLength(body.length);
			response.getOutputStream().write(body, 0, body.length / 2);
			response.flushBuffer();
			throw new EOFException(
					"Injected fault: connection dropped after " + body.length / 2 + " of " + body.length + " bytes");
		}
		held.copyBodyToResponse();
	}

}
