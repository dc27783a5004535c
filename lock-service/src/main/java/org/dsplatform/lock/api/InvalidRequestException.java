package org.dsplatform.lock.api;

/**
 * A request field is missing or out of range; answered with 400 naming the field.
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
