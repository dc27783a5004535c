package org.dsplatform.kv.watch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends every open watch a heartbeat at a fixed period. A watch on a node that is paused
 * or cut off is a stream that stays open and says nothing, just like a quiet one; the
 * heartbeat lets a client tell them apart and go to another node.
 */
public final class WatchHeartbeat implements AutoCloseable {

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "watch-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private WatchHeartbeat() {
	}

	public static WatchHeartbeat start(WatchHub hub, Duration period) {
		WatchHeartbeat heartbeat = new WatchHeartbeat();
		long millis = Math.max(1, period.toMillis());
		heartbeat.timer.scheduleAtFixedRate(hub::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
		return heartbeat;
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
