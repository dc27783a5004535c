package org.dsplatform.common.jvm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * Keeps {@link CompletableFuture}'s asynchronous steps on the common pool.
 * <p>
 * The common pool's parallelism is one less than the processors, so one on a machine of
 * two cores, and below two {@code CompletableFuture} gives up the pool and starts a new
 * thread for every step run without an executor. Ratis takes such steps on every read and
 * on every batch a follower appends, so a kv node on two cores started a thread for each.
 * Each service's {@code main} calls {@link #atLeastTwoThreads()} before anything touches
 * the pool.
 */
public final class CommonPool {

	static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

	private CommonPool() {
	}

	/**
	 * Gives the common pool at least two threads, unless its parallelism is configured.
	 * Must run before the pool is first used, at the start of {@code main}.
	 * @return the common pool's parallelism, which says whether it took effect
	 */
	public static int atLeastTwoThreads() {
		if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
			System.setProperty(PARALLELISM, "2");
		}
		return ForkJoinPool.getCommonPoolParallelism();
	}

}
