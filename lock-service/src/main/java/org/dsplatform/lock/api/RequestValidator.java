package org.dsplatform.lock.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.dsplatform.lock.LockProperties;
import org.dsplatform.lock.lease.AcquireRequest;
import org.dsplatform.lock.lease.LeaseIds;
import org.dsplatform.lock.lease.LeaseMode;
import org.dsplatform.lock.lease.LockId;
import org.dsplatform.lock.lease.Primitive;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns request fields into lock requests, or rejects them naming the field.
 * <p>
 * Lock names are 1 to 256 UTF-8 bytes of any Unicode text except control characters,
 * {@code /} and {@code \}, and other than {@code .} and {@code ..}: a name is one URL
 * path segment, so a slash would make it two, and dot segments are removed by URL
 * normalization. Clients percent-encode names in the path (for example {@code ;} as
 * {@code %3B}, which a server would otherwise drop as a path parameter). Use {@code :} or
 * {@code .} to give names a hierarchy. Owners follow the same rules except that any
 * printable character is allowed.
 */
@Component
class RequestValidator {

	static final int MAX_TEXT_BYTES = 256;

	static final int DEFAULT_LIST_LIMIT = 100;

	static final int MAX_LIST_LIMIT = 1000;

	private final RequestLimits limits;

	@Autowired
	RequestValidator(LockProperties properties) {
		this(RequestLimits.of(properties));
	}

	RequestValidator(RequestLimits limits) {
		this.limits = limits;
	}

	AcquireRequest acquire(Primitive primitive, String name, LockRequests.Acquire body) {
		LockId lock = lock(primitive, name);
		String owner = text("owner", body.owner());
		Duration lease = lease(body.leaseMs());
		Duration wait = maxWait(body.waitMs());
		LeaseMode mode = switch (primitive) {
			case MUTEX -> LeaseMode.EXCLUSIVE;
			case SEMAPHORE -> LeaseMode.PERMIT;
			case READ_WRITE -> mode(body.mode());
		};
		return new AcquireRequest(lock, owner, mode, lease, wait, Boolean.TRUE.equals(body.fair()));
	}

	LockId lock(Primitive primitive, String name) {
		text("name", name);
		if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
			throw new InvalidRequestException("name", "name must not contain '/' or '\\'");
		}
		if (name.equals(".") || name.equals("..")) {
			throw new InvalidRequestException("name", "name must not be '.' or '..'");
		}
		return new LockId(primitive, name);
	}

	Duration lease(Long leaseMs) {
		return range("leaseMs", leaseMs, this.limits.minLease().toMillis(), this.limits.maxLease().toMillis());
	}

	Duration maxWait(Long waitMs) {
		return (waitMs != null) ? range("waitMs", waitMs, 0, this.limits.maxWait().toMillis()) : Duration.ZERO;
	}

	String leaseId(String leaseId) {
		if (leaseId == null || leaseId.isEmpty()) {
			throw new InvalidRequestException("leaseId", "leaseId is required");
		}
		if (!LeaseIds.isWellFormed(leaseId)) {
			throw new InvalidRequestException("leaseId",
					"leaseId is not a lease id (22 characters of URL-safe Base64, as returned by acquire)");
		}
		return leaseId;
	}

	int permits(Integer permits) {
		if (permits == null) {
			throw new InvalidRequestException("permits", "permits is required");
		}
		if (permits < 1 || permits > this.limits.maxPermits()) {
			throw new InvalidRequestException("permits",
					"permits must be between 1 and " + this.limits.maxPermits() + " (got " + permits + ")");
		}
		return permits;
	}

	String prefix(String prefix) {
		if (prefix == null || prefix.isEmpty()) {
			return "";
		}
		return checkText("prefix", prefix);
	}

	int limit(Integer limit) {
		if (limit == null) {
			return DEFAULT_LIST_LIMIT;
		}
		if (limit < 1 || limit > MAX_LIST_LIMIT) {
			throw new InvalidRequestException("limit",
					"limit must be between 1 and " + MAX_LIST_LIMIT + " (got " + limit + ")");
		}
		return limit;
	}

	private static LeaseMode mode(String mode) {
		if (mode == null || mode.isEmpty()) {
			throw new InvalidRequestException("mode", "mode is required: 'read' or 'write'");
		}
		return switch (mode) {
			case "read" -> LeaseMode.READ;
			case "write" -> LeaseMode.WRITE;
			default -> throw new InvalidRequestException("mode", "mode must be 'read' or 'write' (got '" + mode + "')");
		};
	}

	private static String text(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidRequestException(field, field + " is required");
		}
		return checkText(field, value);
	}

	private static String checkText(String field, String value) {
		if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
			throw new InvalidRequestException(field, field + " is not valid Unicode");
		}
		if (value.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
			throw new InvalidRequestException(field, field + " must be at most " + MAX_TEXT_BYTES + " UTF-8 bytes");
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRequestException(field, field + " must not contain control characters");
		}
		return value;
	}

	private static Duration range(String field, Long millis, long min, long max) {
		if (millis == null) {
			throw new InvalidRequestException(field, field + " is required");
		}
		if (millis < min || millis > max) {
			throw new InvalidRequestException(field,
					field + " must be between " + min + " and " + max + " (got " + millis + ")");
		}
		return Duration.ofMillis(millis);
	}

}
