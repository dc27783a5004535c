package org.dsplatform.bench.load;

import java.lang.reflect.Modifier;

import reactor.core.Exceptions;

/**
 * How one request ended: with success or with the kind of error it counts as.
 *
 * @param errorKind {@code null} for a 2xx answer, otherwise the kind the error is counted
 * under
 */
record Outcome(String errorKind) {

	static final Outcome SUCCESS = new Outcome(null);

	static final Outcome CUT_OFF = new Outcome("cut off at end of run");

	static final Outcome NOT_SENT = new Outcome("not sent (too many outstanding)");

	static Outcome ofStatus(int status) {
		return (status >= 200 && status < 300) ? SUCCESS : new Outcome("HTTP " + status);
	}

	static Outcome ofFailure(Throwable failure) {
		return new Outcome(kindOf(failure));
	}

	boolean isSuccess() {
		return this.errorKind == null;
	}

	/**
	 * Netty reports transport failures as private nested classes (such as
	 * {@code AbstractChannel$AnnotatedConnectException}) whose names mean little in a
	 * report, so an error is named after the nearest public top-level class in its
	 * hierarchy ({@code ConnectException}).
	 */
	static String kindOf(Throwable failure) {
		Class<?> type = Exceptions.unwrap(failure).getClass();
		while (type.getSuperclass() != null
				&& (type.isMemberClass() || type.isAnonymousClass() || !Modifier.isPublic(type.getModifiers()))) {
			type = type.getSuperclass();
		}
		return type.getSimpleName();
	}

}
