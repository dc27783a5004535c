package org.dsplatform.common.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.dsplatform.common.trace.RequestIds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Writes a problem document for a request Tomcat refuses before it reaches the
 * application, in place of Tomcat's HTML error page: a path with an encoded {@code /} or
 * {@code \}, an encoded NUL, invalid UTF-8 or an invalid percent-encoding, a request line
 * Tomcat cannot parse. No internals are shown: the {@code detail} is fixed per status.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Makes this valve the error report valve of the context's host, replacing the one
	 * Tomcat or Spring Boot installed. Use as a Tomcat context customizer.
	 */
	public static void install(Context context) {
		if (!(context.getParent() instanceof StandardHost host)) {
			return;
		}
		// The host adds a valve of this class when it starts unless one is present.
		host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		Pipeline pipeline = host.getPipeline();
		boolean installed = false;
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ProblemErrorReportValve) {
				installed = true;
			}
			else if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		if (!installed) {
			pipeline.addValve(new ProblemErrorReportValve());
		}
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatusCode status = HttpStatusCode.valueOf(code);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemTypes.forStatus(status).toString());
		HttpStatus known = HttpStatus.resolve(code);
		problem.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		problem.put("status", code);
		problem.put("detail", detail(status));
		problem.put("instance", ProblemInstances.of(request.getRequestURI()).toString());
		// A request the container refused never reached the request id filter.
		Object knownId = request.getAttribute(RequestIds.ATTRIBUTE);
		String requestId = (knownId != null) ? knownId.toString()
				: RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
		problem.put(RequestIds.PROBLEM_PROPERTY, requestId);
		try {
			response.setHeader(RequestIds.HEADER, requestId);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone; there is nobody to tell.
		}
	}

	private static String detail(HttpStatusCode status) {
		if (status.value() == 400) {
			return "The request is not valid HTTP for this service: for example an invalid percent-encoding, "
					+ "invalid UTF-8, an encoded '/', '\\' or NUL in the path, or a malformed request line";
		}
		if (status.is5xxServerError()) {
			return "Unexpected failure; the node's log has the cause";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return "The request was refused: " + ((known != null) ? known.getReasonPhrase() : "client error " + status);
	}

}
