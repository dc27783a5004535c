package org.dsplatform.lock.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.problem.ProblemTypes;
import org.dsplatform.lock.LockProperties;
import org.dsplatform.lock.fencing.EpochUnavailableException;
import org.dsplatform.lock.lease.LeaseNotHeldException;
import org.dsplatform.lock.lease.LockConflictException;
import org.dsplatform.lock.lease.NodeShuttingDownException;
import org.dsplatform.lock.lease.RedisUnavailableException;
import org.dsplatform.lock.lease.SemaphoreExistsException;
import org.dsplatform.lock.lease.SemaphoreNotFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the lock service's own failures with problem documents; everything else is left
 * to the platform's {@code ServletProblemHandler}, which this advice precedes.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LockProblemHandler {

	private static final Log log = LogFactory.getLog(LockProblemHandler.class);

	private final Duration retryAfter;

	LockProblemHandler(LockProperties properties) {
		this.retryAfter = properties.retryAfter();
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, ex.getMessage(), request);
		problem.setProperty("field", ex.field());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		String detail;
		String field = null;
		if (ex.getCause() instanceof JacksonException jackson) {
			field = jackson.getPath()
				.stream()
				.map(JacksonException.Reference::getPropertyName)
				.filter(Objects::nonNull)
				.collect(Collectors.joining("."));
			TokenStreamLocation location = jackson.getLocation();
			String where = (location != null && location.getLineNr() > 0)
					? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
			if (field.isEmpty()) {
				field = null;
				detail = "The body is not a JSON object of the expected form" + where;
			}
			else if (jackson instanceof UnrecognizedPropertyException) {
				detail = "Unknown field '" + field + "'" + where;
			}
			else {
				detail = field + " has a value of the wrong type or form" + where;
			}
		}
		else {
			detail = "A JSON body is required";
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, detail, request);
		if (field != null) {
			problem.setProperty("field", field);
		}
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(LockConflictException.class)
	ResponseEntity<ProblemDetail> conflict(LockConflictException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, LockProblemTypes.LOCK_CONFLICT,
				"'" + ex.lock().name() + "' was not granted within " + ex.waited().toMillis() + " ms", request);
		if (ex.holderOwner() != null) {
			problem.setProperty("owner", ex.holderOwner());
		}
		if (ex.holderExpiresAt() != null) {
			problem.setProperty("expiresAt", ex.holderExpiresAt().toString());
		}
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler(LeaseNotHeldException.class)
	ResponseEntity<ProblemDetail> notHeld(LeaseNotHeldException ex, HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(problem(
					HttpStatus.CONFLICT, LockProblemTypes.LOCK_NOT_HELD, "That leaseId does not hold '"
							+ ex.lock().name() + "' (it never did, was released or expired); nothing was changed",
					request));
	}

	@ExceptionHandler(SemaphoreExistsException.class)
	ResponseEntity<ProblemDetail> semaphoreExists(SemaphoreExistsException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, LockProblemTypes.SEMAPHORE_EXISTS, ex.getMessage(),
				request);
		problem.setProperty("permits", ex.permits());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler({ SemaphoreNotFoundException.class, LockNotFoundException.class })
	ResponseEntity<ProblemDetail> notFound(RuntimeException ex, HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, ex.getMessage(), request));
	}

	@ExceptionHandler(RedisUnavailableException.class)
	ResponseEntity<ProblemDetail> redisUnavailable(RedisUnavailableException ex, HttpServletRequest request) {
		log.debug("Answering 503: " + ex.getMessage());
		return unavailable(problem(HttpStatus.SERVICE_UNAVAILABLE, LockProblemTypes.REDIS_UNAVAILABLE,
				"Redis is unavailable; nothing was granted or changed that Redis confirmed", request));
	}

	@ExceptionHandler(NodeShuttingDownException.class)
	ResponseEntity<ProblemDetail> shuttingDown(NodeShuttingDownException ex, HttpServletRequest request) {
		return unavailable(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
				ex.getMessage() + "; nothing was granted, retry (the gateway sends it to another node)", request));
	}

	@ExceptionHandler(EpochUnavailableException.class)
	ResponseEntity<ProblemDetail> epochUnavailable(EpochUnavailableException ex, HttpServletRequest request) {
		log.warn("Answering 503: " + ex.getMessage());
		return unavailable(problem(HttpStatus.SERVICE_UNAVAILABLE, LockProblemTypes.EPOCH_UNAVAILABLE,
				"No fencing epoch could be obtained from the KV store; nothing was granted", request));
	}

	private ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, this.retryAfter.toSeconds())))
			.body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String detail, HttpServletRequest request) {
		return ProblemTypes.problem(status, type, detail, request.getRequestURI());
	}

}
