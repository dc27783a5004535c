package org.dsplatform.cache.api;

/**
 * A request that breaks a rule of the cache API; answered 400 naming the offending field.
 */
class InvalidCacheRequestException extends RuntimeException {

	private final String field;

	InvalidCacheRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
