/**
 * The {@code ./platform} command line.
 */
package org.dsplatform.launcher.cli;
