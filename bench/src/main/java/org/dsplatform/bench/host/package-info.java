/**
 * What the benchmarks need from the machine they run on: executables found on the search
 * path, Debian packages installed with {@code apt-get}, child processes stopped and their
 * directories deleted.
 */
package org.dsplatform.bench.host;
