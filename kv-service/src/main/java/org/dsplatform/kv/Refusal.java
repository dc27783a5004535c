package org.dsplatform.kv;

import java.net.URI;

/**
 * A failure that is the store's considered answer (absent key, failed precondition,
 * fenced write), not a fault: metrics count it under the last segment of its problem
 * type, such as {@code fenced} or {@code precondition-failed}.
 */
public interface Refusal {

	/** The stable problem type of the answer. */
	URI type();

}
