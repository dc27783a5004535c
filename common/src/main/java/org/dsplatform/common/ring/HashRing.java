package org.dsplatform.common.ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

import net.openhft.hashing.LongHashFunction;

/**
 * A consistent-hash ring with virtual nodes: each member owns the arcs that end at its
 * points, and a key belongs to the member owning the arc its hash falls on. Adding a
 * member moves only the keys that the new member now owns; removing one moves only its
 * own keys.
 * <p>
 * Deterministic: the same members and virtual-node count give the same ring on every node
 * and in the gateway, whatever the order the members are given in. Positions are XXH3
 * 64-bit hashes (of {@code member#i} for the points, of the key's UTF-8 bytes for keys).
 * Immutable and thread-safe; {@link #version()} says which membership it was built from
 * (the KV revision of the registry).
 */
public final class HashRing {

	/**
	 * Virtual nodes per member by default: keeps max/mean load within 10% for a handful
	 * of members.
	 */
	public static final int DEFAULT_VIRTUAL_NODES = 1000;

	private static final LongHashFunction HASH = LongHashFunction.xx3();

	private final Set<String> members;

	private final int virtualNodes;

	private final long version;

	private final long[] points;

	private final String[] owners;

	private HashRing(Set<String> members, int virtualNodes, long version) {
		this.members = Collections.unmodifiableSet(new TreeSet<>(members));
		this.virtualNodes = virtualNodes;
		this.version = version;
		List<Point> all = new ArrayList<>(members.size() * virtualNodes);
		for (String member : this.members) {
			for (int i = 0; i < virtualNodes; i++) {
				all.add(new Point(hash(member + "#" + i), member));
			}
		}
		// Unsigned order around the ring; the member name breaks (astronomically rare)
		// ties, so every node agrees.
		all.sort((a, b) -> (a.position != b.position) ? Long.compareUnsigned(a.position, b.position)
				: a.member.compareTo(b.member));
		this.points = new long[all.size()];
		this.owners = new String[all.size()];
		for (int i = 0; i < all.size(); i++) {
			this.points[i] = all.get(i).position;
			this.owners[i] = all.get(i).member;
		}
	}

	/**
	 * A ring of the given members.
	 * @param virtualNodes points per member, at least 1
	 * @param version the version of the membership it is built from
	 */
	public static HashRing of(Collection<String> members, int virtualNodes, long version) {
		if (virtualNodes < 1) {
			throw new IllegalArgumentException("virtualNodes must be at least 1");
		}
		return new HashRing(new LinkedHashSet<>(members), virtualNodes, version);
	}

	public Set<String> members() {
		return this.members;
	}

	public int virtualNodes() {
		return this.virtualNodes;
	}

	public long version() {
		return this.version;
	}

	public boolean isEmpty() {
		return this.points.length == 0;
	}

	/**
	 * The member that owns the key.
	 * @throws IllegalStateException if the ring has no member
	 */
	public String owner(String key) {
		return this.owners[firstPointAtOrAfter(hash(key))];
	}

	/**
	 * The key's owner followed by the next distinct members along the ring: the members
	 * that hold its replicas.
	 * @param replicas how many members in all (owner included); fewer if the ring has
	 * fewer members
	 */
	public List<String> owners(String key, int replicas) {
		int wanted = Math.min(replicas, this.members.size());
		List<String> found = new ArrayList<>(wanted);
		int start = firstPointAtOrAfter(hash(key));
		for (int step = 0; step < this.points.length && found.size() < wanted; step++) {
			String member = this.owners[(start + step) % this.points.length];
			if (!found.contains(member)) {
				found.add(member);
			}
		}
		return found;
	}

	/**
	 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2016):
	 * the key goes to the first member along the ring from its position whose load,
	 * counting this key, stays within
	 * {@code ceil(capacityFactor * (total load + 1) / members)}. With
	 * {@code capacityFactor} 1.25 no member carries more than 25% above the average, and
	 * a key moves off its owner only while the owner is that busy.
	 * @param load the current load of each member (for example requests in flight)
	 */
	public String ownerWithBoundedLoad(String key, ToLongFunction<String> load, double capacityFactor) {
		if (capacityFactor < 1) {
			throw new IllegalArgumentException("capacityFactor must be at least 1");
		}
		long total = 0;
		for (String member : this.members) {
			total += load.applyAsLong(member);
		}
		long capacity = (long) Math.ceil(capacityFactor * (total + 1) / this.members.size());
		int start = firstPointAtOrAfter(hash(key));
		for (int step = 0; step < this.points.length; step++) {
			String member = this.owners[(start + step) % this.points.length];
			if (load.applyAsLong(member) + 1 <= capacity) {
				return member;
			}
		}
		return this.owners[start];
	}

	/**
	 * The share of the hash space each member owns (they add up to 1).
	 */
	public Map<String, Double> ownershipShares() {
		Map<String, Double> shares = new LinkedHashMap<>();
		this.members.forEach((member) -> shares.put(member, 0.0));
		for (int i = 0; i < this.points.length; i++) {
			long from = this.points[(i - 1 + this.points.length) % this.points.length];
			long arc = this.points[i] - from;
			double fraction = (this.points.length == 1) ? 1.0 : unsigned(arc) / 18446744073709551616.0;
			shares.merge(this.owners[i], fraction, Double::sum);
		}
		return shares;
	}

	private int firstPointAtOrAfter(long position) {
		if (this.points.length == 0) {
			throw new IllegalStateException("The ring has no member");
		}
		int low = 0;
		int high = this.points.length - 1;
		if (Long.compareUnsigned(position, this.points[high]) > 0) {
			return 0;
		}
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (Long.compareUnsigned(this.points[middle], position) < 0) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	private static double unsigned(long value) {
		return (value >= 0) ? value : value + 18446744073709551616.0;
	}

	static long hash(String text) {
		return HASH.hashBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private record Point(long position, String member) {

	}

}
