package org.dsplatform.bench.nginx;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An nginx release number, for the few directives and options that depend on it.
 *
 * @param major the major number
 * @param minor the minor number
 * @param patch the patch number
 */
record NginxVersion(int major, int minor, int patch) {

	/** What is assumed of a binary that does not say its version: Debian 12's. */
	static final NginxVersion ASSUMED = new NginxVersion(1, 22, 1);

	private static final Pattern NUMBERS = Pattern.compile("nginx/(\\d+)\\.(\\d+)\\.(\\d+)");

	/**
	 * Reads the version out of what {@code nginx -v} prints.
	 * @param text such as {@code nginx version: nginx/1.22.1} or {@code nginx/1.22.1}
	 * @return the version, or empty if the text has none
	 */
	static Optional<NginxVersion> parse(String text) {
		Matcher matcher = NUMBERS.matcher(text);
		if (!matcher.find()) {
			return Optional.empty();
		}
		return Optional.of(new NginxVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3))));
	}

	boolean atLeast(int major, int minor, int patch) {
		if (this.major != major) {
			return this.major > major;
		}
		if (this.minor != minor) {
			return this.minor > minor;
		}
		return this.patch >= patch;
	}

	/**
	 * Whether the command line takes {@code -e file} for the log written before the
	 * configuration is read (1.19.5 and later).
	 */
	boolean takesErrorLogOption() {
		return atLeast(1, 19, 5);
	}

	/**
	 * Whether an {@code upstream} block takes {@code keepalive_requests} and
	 * {@code keepalive_timeout} (1.15.3 and later).
	 */
	boolean limitsUpstreamKeepalive() {
		return atLeast(1, 15, 3);
	}

	@Override
	public String toString() {
		return this.major + "." + this.minor + "." + this.patch;
	}

}
