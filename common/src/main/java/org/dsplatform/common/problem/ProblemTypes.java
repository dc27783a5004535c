package org.dsplatform.common.problem;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The stable {@code type} URIs of the platform's RFC 9457 problem documents. Clients may
 * branch on them; they never change meaning once published.
 */
public final class ProblemTypes {

	/**
	 * The request is malformed or a field is out of range; {@code detail} names the
	 * field.
	 */
	public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");

	/** The request carries no valid API key. */
	public static final URI UNAUTHENTICATED = URI.create("/problems/unauthenticated");

	/** The API key is valid but lacks the role the operation needs. */
	public static final URI FORBIDDEN = URI.create("/problems/forbidden");

	/**
	 * The caller spent its request budget; {@code Retry-After} says when to come back.
	 */
	public static final URI RATE_LIMITED = URI.create("/problems/rate-limited");

	/** The request body or headers exceed the platform's limits. */
	public static final URI TOO_LARGE = URI.create("/problems/too-large");

	/** Nothing is served at that path. */
	public static final URI NOT_FOUND = URI.create("/problems/not-found");

	/** The method is not allowed on that path. */
	public static final URI METHOD_NOT_ALLOWED = URI.create("/problems/method-not-allowed");

	/**
	 * No instance of the target service is up, or the one chosen refused the connection.
	 */
	public static final URI SERVICE_UNAVAILABLE = URI.create("/problems/service-unavailable");

	/**
	 * The chosen instance closed the connection before answering: a write may or may not
	 * have been applied.
	 */
	public static final URI UPSTREAM_FAILED = URI.create("/problems/upstream-failed");

	/** The upstream instance did not answer in time. */
	public static final URI UPSTREAM_TIMEOUT = URI.create("/problems/upstream-timeout");

	/**
	 * An unexpected failure inside the platform; the log of the named node has the cause.
	 */
	public static final URI INTERNAL = URI.create("/problems/internal-error");

	private ProblemTypes() {
	}

	/**
	 * A problem document of the given type.
	 */
	public static ProblemDetail problem(HttpStatusCode status, URI type, String detail, String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		if (instance != null) {
			problem.setInstance(URI.create(instance));
		}
		return problem;
	}

	/**
	 * The type that fits a status when no more specific one is known.
	 */
	public static URI forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> UNAUTHENTICATED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 413, 431 -> TOO_LARGE;
			case 429 -> RATE_LIMITED;
			case 405 -> METHOD_NOT_ALLOWED;
			case 503 -> SERVICE_UNAVAILABLE;
			case 502 -> UPSTREAM_FAILED;
			case 504 -> UPSTREAM_TIMEOUT;
			default -> status.is4xxClientError() ? INVALID_REQUEST : INTERNAL;
		};
	}

}
