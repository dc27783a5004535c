package org.dsplatform.lock.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.dsplatform.lock.fencing.FencingToken;

/**
 * One message of topic {@code lock.events} (key: the lock name).
 *
 * @param type {@code GRANTED}, {@code RELEASED} or {@code EXPIRED}
 * @param primitive {@code mutex}, {@code rw} or {@code semaphore}
 * @param name the lock name
 * @param owner the holder's owner label
 * @param mode {@code read} or {@code write} for a read-write lock, absent otherwise
 * @param fencingToken the lease's fencing token: with {@code type} and {@code name} it
 * identifies the event
 * @param at when Redis recorded it (for EXPIRED: when the expiry was noticed)
 * @param node the lock-service node whose request or sweep recorded it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LockEvent(Type type, String primitive, String name, String owner, String mode, long fencingToken,
		Instant at, String node) {

	public enum Type {

		GRANTED, RELEASED, EXPIRED

	}

	/**
	 * The event an outbox entry describes.
	 * @throws IllegalArgumentException if the entry is not a well-formed event
	 */
	static LockEvent fromOutbox(Map<String, String> fields) {
		try {
			String mode = switch (fields.getOrDefault("mode", "")) {
				case "r" -> "read";
				case "w" -> "write";
				default -> null;
			};
			return new LockEvent(Type.valueOf(fields.get("type")), fields.get("primitive"), fields.get("name"),
					fields.get("owner"), mode,
					FencingToken.of(Long.parseLong(fields.get("epoch")), Long.parseLong(fields.get("counter"))),
					Instant.ofEpochMilli(Long.parseLong(fields.get("at"))), fields.get("node"));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a lock event: " + fields, ex);
		}
	}

}
