package dev.sfsync.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers 413 to a request whose body is larger than {@code sfsync.web.max-request-body}:
 * at once when its Content-Length says so, and while the body is read when it has none
 * (chunked), so that a client cannot make sfsync buffer an unbounded body.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter implements OrderedFilter {

	private static final Log logger = LogFactory.getLog(RequestBodyLimitFilter.class);

	/** Set on a request whose body ran past the limit while it was read. */
	private static final String EXCEEDED = RequestBodyLimitFilter.class.getName() + ".EXCEEDED";

	private final DataSize limit;

	private final String readableLimit;

	private final JsonMapper json;

	RequestBodyLimitFilter(DataSize limit, JsonMapper json) {
		this.limit = limit;
		this.readableLimit = readable(limit);
		this.json = json;
	}

	private static String readable(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + " MB";
		}
		return (bytes % DataSize.ofKilobytes(1).toBytes() == 0) ? size.toKilobytes() + " KB" : bytes + " bytes";
	}

	/** Ahead of every filter that reads a body: Spring MVC's form filter, the logins. */
	@Override
	public int getOrder() {
		return OrderedFormContentFilter.DEFAULT_ORDER - 100;
	}

	/**
	 * Turns the failure of whatever read past the limit in Spring MVC (a message
	 * converter reports it as unreadable JSON) into the 413.
	 */
	HandlerExceptionResolver exceptionResolver() {
		return (request, response, handler, ex) -> {
			if (request.getAttribute(EXCEEDED) == null || response.isCommitted()) {
				return null;
			}
			try {
				refuse(request, response);
			}
			catch (IOException failed) {
				return null;
			}
			return new ModelAndView();
		};
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.limit.toBytes()) {
			refuse(request, response);
			return;
		}
		if (length >= 0) {
			// The container never reads past the Content-Length.
			chain.doFilter(request, response);
			return;
		}
		LimitedRequest limited = new LimitedRequest(request, this.limit.toBytes());
		try {
			chain.doFilter(limited, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (request.getAttribute(EXCEEDED) == null || response.isCommitted()) {
				throw ex;
			}
			response.reset();
			refuse(request, response);
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		logger.warn("Refused a request body over " + this.readableLimit + " (sfsync.web.max-request-body): "
				+ request.getMethod() + " " + request.getRequestURI() + " from " + request.getRemoteAddr());
		ProblemResponses.write(this.json, request, response, HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + this.readableLimit + ", the most sfsync accepts.");
	}

	/** Thrown to whoever reads past the limit; the filter turns it into the 413. */
	static final class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException(long limit) {
			super("The request body is larger than " + limit + " bytes");
		}

	}

	/** A request whose body, however it is read, counts its bytes against the limit. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable CountingInputStream body;

		private @Nullable BufferedReader reader;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				this.body = new CountingInputStream(super.getInputStream(), this.limit,
						() -> setAttribute(EXCEEDED, true));
			}
			return this.body;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
				this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			return this.reader;
		}

	}

	private static final class CountingInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private final Runnable onExceeded;

		private long count;

		CountingInputStream(ServletInputStream delegate, long limit, Runnable onExceeded) {
			this.delegate = delegate;
			this.limit = limit;
			this.onExceeded = onExceeded;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.delegate.read(buffer, offset, length);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		private void counted(int bytes) {
			this.count += bytes;
			if (this.count > this.limit) {
				this.onExceeded.run();
				throw new BodyTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
