package org.dsplatform.cache.node;

import java.util.ArrayList;
import java.util.List;

import org.dsplatform.common.ring.HashRing;

/**
 * What a node does with one key it holds when the ring changes: which new holders it
 * sends the key to, and whether it keeps its own copy.
 * <p>
 * Only one node sends each key: the first of its previous holders that is still a member,
 * and only to the holders that were not holders before (they start empty). So a node that
 * joins receives its keys once, and when a holder leaves (stopped, or dead and its lease
 * expired) the surviving holder copies the key to its new replica: the key is back to its
 * full count of copies without a read from the KV. A node that is no longer a holder
 * drops its copy.
 *
 * @param sendTo the new holders this node sends the key to
 * @param keep whether this node is still one of the key's holders
 */
public record Handoff(List<String> sendTo, boolean keep) {

	/**
	 * The handoff of one key held by {@code self}.
	 */
	public static Handoff of(String self, String key, HashRing previous, HashRing current, int replicas) {
		List<String> before = previous.owners(key, replicas);
		List<String> after = current.owners(key, replicas);
		String sender = before.stream().filter(current.members()::contains).findFirst().orElse(self);
		List<String> sendTo = new ArrayList<>();
		if (sender.equals(self)) {
			for (String holder : after) {
				if (!before.contains(holder) && !holder.equals(self)) {
					sendTo.add(holder);
				}
			}
		}
		return new Handoff(List.copyOf(sendTo), after.contains(self));
	}

}
