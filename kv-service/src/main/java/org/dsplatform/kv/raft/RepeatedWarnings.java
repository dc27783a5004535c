package org.dsplatform.kv.raft;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps a Raft fault from flooding the log. Ratis's log appender warns at every timed-out
 * {@code appendEntries}, about six times a second for each follower that is paused or
 * gone. For each listed logger this filter lets the first warning through, then at most
 * one per interval; the number it held back in between is logged just before the next one
 * it lets through. Other loggers and levels pass untouched.
 */
public final class RepeatedWarnings extends TurboFilter {

	/** Ratis's per-follower log appender: one warning per timed-out request. */
	public static final String RATIS_LOG_APPENDER = "org.apache.ratis.grpc.server.GrpcLogAppender";

	private final Set<String> loggers;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	RepeatedWarnings(Set<String> loggers, Duration interval, LongSupplier nanoClock) {
		this.loggers = Set.copyOf(loggers);
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * Installs the filter in the logging system when it is Logback, replacing one
	 * installed before (a second application context in the same JVM).
	 */
	public static void install(Set<String> loggers, Duration interval) {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			install(context, new RepeatedWarnings(loggers, interval, System::nanoTime));
		}
	}

	static void install(LoggerContext context, RepeatedWarnings filter) {
		context.getTurboFilterList().removeIf(RepeatedWarnings.class::isInstance);
		filter.setContext(context);
		filter.start();
		context.addTurboFilter(filter);
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable failure) {
		// format is null when a logger is only asked whether WARN is on.
		if (level != Level.WARN || format == null || !this.loggers.contains(logger.getName())) {
			return FilterReply.NEUTRAL;
		}
		Window window = this.windows.computeIfAbsent(logger.getName(), (name) -> new Window());
		long heldBack;
		synchronized (window) {
			long now = this.nanoClock.getAsLong();
			if (window.opened && now - window.openedAt < this.intervalNanos) {
				window.heldBack++;
				return FilterReply.DENY;
			}
			heldBack = window.heldBack;
			window.opened = true;
			window.openedAt = now;
			window.heldBack = 0;
		}
		if (heldBack > 0) {
			((LoggerContext) getContext()).getLogger(RepeatedWarnings.class)
				.warn("{} more warnings of {} held back since its last one shown", heldBack, logger.getName());
		}
		return FilterReply.NEUTRAL;
	}

	/** One logger's current interval. */
	private static final class Window {

		private boolean opened;

		private long openedAt;

		private long heldBack;

	}

}
