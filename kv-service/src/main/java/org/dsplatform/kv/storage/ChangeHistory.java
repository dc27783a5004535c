package org.dsplatform.kv.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The most recent changes, oldest first, in a ring of fixed capacity. Revisions in it are
 * consecutive, so the change of a revision is found by arithmetic: every watcher and the
 * change publisher read from where they left off after each applied entry, which must not
 * cost a walk over the whole history. Not thread-safe: the store guards it.
 */
final class ChangeHistory implements Iterable<Change> {

	private final Change[] ring;

	private int head;

	private int size;

	ChangeHistory(int capacity) {
		this.ring = new Change[capacity];
	}

	/**
	 * Appends the change following the newest one.
	 * @return the revision of the oldest change, evicted to make room, or 0 if none was
	 */
	long append(Change change) {
		if (this.size > 0 && change.revision() != newest().revision() + 1) {
			throw new IllegalArgumentException(
					"Change " + change.revision() + " does not follow " + newest().revision());
		}
		long evicted = 0;
		if (this.size == this.ring.length) {
			evicted = this.ring[this.head].revision();
			this.ring[this.head] = null;
			this.head = (this.head + 1) % this.ring.length;
			this.size--;
		}
		this.ring[(this.head + this.size) % this.ring.length] = change;
		this.size++;
		return evicted;
	}

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * Up to {@code max} consecutive changes from {@code fromRevision} on; none if it is
	 * newer than the newest change.
	 * @throws IllegalArgumentException if it is older than the oldest change kept
	 */
	List<Change> from(long fromRevision, int max) {
		List<Change> changes = new ArrayList<>();
		if (this.size == 0) {
			return changes;
		}
		long offset = fromRevision - this.ring[this.head].revision();
		if (offset < 0) {
			throw new IllegalArgumentException("Revision " + fromRevision + " is older than the history");
		}
		for (long i = offset; i < this.size && changes.size() < max; i++) {
			changes.add(this.ring[(int) ((this.head + i) % this.ring.length)]);
		}
		return changes;
	}

	void clear() {
		java.util.Arrays.fill(this.ring, null);
		this.head = 0;
		this.size = 0;
	}

	@Override
	public Iterator<Change> iterator() {
		return new Iterator<>() {

			private int next;

			@Override
			public boolean hasNext() {
				return this.next < ChangeHistory.this.size;
			}

			@Override
			public Change next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return ChangeHistory.this.ring[(ChangeHistory.this.head + this.next++)
						% ChangeHistory.this.ring.length];
			}

		};
	}

	private Change newest() {
		return this.ring[(this.head + this.size - 1) % this.ring.length];
	}

}
