package org.dsplatform.common.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches with problem documents: errors that
 * never reach a controller, such as a method the container itself refuses
 * ({@code TRACE}), a filter that rejects a request with {@code sendError}, or an
 * exception thrown by a filter. It replaces Spring Boot's default error controller, whose
 * JSON is not a problem document.
 * <p>
 * The {@code detail} is generic unless the code that rejected the request put one in the
 * request attribute {@link #DETAIL_ATTRIBUTE}: the container's own messages are not shown
 * to clients.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	/**
	 * Request attribute with the {@code detail} of the problem, for a filter that rejects
	 * a request with {@code sendError}.
	 */
	public static final String DETAIL_ATTRIBUTE = ProblemErrorController.class.getName() + ".detail";

	private static final Log log = LogFactory.getLog(ProblemErrorController.class);

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatusCode status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri instanceof String text) ? text : request.getRequestURI();
		Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (status.is5xxServerError() && exception instanceof Throwable failure) {
			log.error("Unexpected failure serving " + path, failure);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(request, status));
		problem.setType(ProblemTypes.forStatus(status));
		problem.setInstance(ProblemInstances.of(path));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatusCode status(Object code) {
		if (code == null) {
			// Not an error dispatch: a client asked for the error path itself.
			return HttpStatus.NOT_FOUND;
		}
		if (code instanceof Integer value && value >= 400 && value <= 599) {
			return HttpStatusCode.valueOf(value);
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detail(HttpServletRequest request, HttpStatusCode status) {
		if (request.getAttribute(DETAIL_ATTRIBUTE) instanceof String detail) {
			return detail;
		}
		if (status.is5xxServerError()) {
			return "Unexpected failure; the node's log has the cause";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return "The request was refused: " + ((known != null) ? known.getReasonPhrase() : "client error " + status);
	}

}
