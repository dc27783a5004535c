package org.dsplatform.kv.api;

import java.net.URI;
import java.util.Map;

import org.dsplatform.kv.Refusal;

import org.springframework.http.HttpStatus;

/**
 * An answer of the store that is not a success (absent key, failed precondition, fenced
 * write...), carried to the problem handler with its status, stable type and extension
 * members.
 */
class KvProblemException extends RuntimeException implements Refusal {

	private final HttpStatus status;

	private final URI type;

	private final Map<String, Object> properties;

	KvProblemException(HttpStatus status, URI type, String detail, Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.type = type;
		this.properties = properties;
	}

	HttpStatus status() {
		return this.status;
	}

	@Override
	public URI type() {
		return this.type;
	}

	Map<String, Object> properties() {
		return this.properties;
	}

}
