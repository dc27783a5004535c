package org.dsplatform.kv.raft;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedWarningsTests {

	private static final String NOISY = "org.example.Noisy";

	private final AtomicLong nanos = new AtomicLong();

	private final LoggerContext context = new LoggerContext();

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	private Logger noisy;

	@BeforeEach
	void logToList() {
		this.lines.setContext(this.context);
		this.lines.start();
		Logger root = this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.INFO);
		root.addAppender(this.lines);
		RepeatedWarnings.install(this.context,
				new RepeatedWarnings(Set.of(NOISY), Duration.ofSeconds(10), this.nanos::get));
		this.noisy = this.context.getLogger(NOISY);
	}

	@Test
	void showsTheFirstWarningThenOnePerIntervalWithTheCountHeldBack() {
		// About six a second, as Ratis warns for one unreachable follower.
		for (int i = 0; i < 62; i++) {
			this.noisy.warn("Timed out appendEntries, errorCount={}", i + 1);
			this.nanos.addAndGet(Duration.ofMillis(166).toNanos());
		}
		assertThat(messages()).containsExactly("Timed out appendEntries, errorCount=1",
				"60 more warnings of org.example.Noisy held back since its last one shown",
				"Timed out appendEntries, errorCount=62");
	}

	@Test
	void holdsBackOnlyWithinTheIntervalAfterAShownWarning() {
		this.noisy.warn("first");
		this.nanos.addAndGet(Duration.ofSeconds(9).toNanos());
		this.noisy.warn("held back");
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		this.noisy.warn("shown again");
		this.nanos.addAndGet(Duration.ofSeconds(30).toNanos());
		this.noisy.warn("after a quiet spell");
		assertThat(messages()).containsExactly("first",
				"1 more warnings of org.example.Noisy held back since its last one shown", "shown again",
				"after a quiet spell");
	}

	@Test
	void leavesOtherLoggersAndLevelsAlone() {
		Logger other = this.context.getLogger("org.example.Other");
		for (int i = 0; i < 3; i++) {
			other.warn("other {}", i);
			this.noisy.error("error {}", i);
			this.noisy.info("info {}", i);
		}
		assertThat(this.noisy.isWarnEnabled()).isTrue();
		this.noisy.warn("warning");
		assertThat(messages()).hasSize(10).endsWith("warning");
	}

	@Test
	void replacesAnEarlierInstallation() {
		RepeatedWarnings.install(this.context,
				new RepeatedWarnings(Set.of(NOISY), Duration.ofSeconds(10), this.nanos::get));
		assertThat(this.context.getTurboFilterList()).hasSize(1);
		this.noisy.warn("one");
		this.noisy.warn("two");
		assertThat(messages()).containsExactly("one");
	}

	private List<String> messages() {
		return this.lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
