package org.dsplatform.common.trace;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a servlet service serves its request id: the one the gateway sent
 * in {@code X-Request-Id}, or a new one for a direct call. The id is echoed on the
 * response, kept as the request attribute {@link RequestIds#ATTRIBUTE} (problem documents
 * read it there) and put in the logging MDC while the request is served, including its
 * asynchronous and error dispatches, so every log line of the request names it.
 */
public class RequestIdFilter extends OncePerRequestFilter implements Ordered {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = (String) request.getAttribute(RequestIds.ATTRIBUTE);
		if (id == null) {
			id = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
			request.setAttribute(RequestIds.ATTRIBUTE, id);
			response.setHeader(RequestIds.HEADER, id);
		}
		MDC.put(RequestIds.MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	/**
	 * An asynchronous request (a deferred result, a watch) logs from its later dispatch
	 * too.
	 */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/**
	 * The container's error dispatch runs after this filter has left the first one.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/**
	 * First of all filters, so that whatever the others log or refuse carries the id.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
