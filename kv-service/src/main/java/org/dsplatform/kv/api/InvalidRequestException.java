package org.dsplatform.kv.api;

/**
 * A request that breaks a rule of the API; answered 400 naming the offending field.
 */
class InvalidRequestException extends RuntimeException {

	private final String field;

	InvalidRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
