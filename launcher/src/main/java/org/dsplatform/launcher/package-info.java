/**
 * Runs the whole platform on one machine without Docker: Redis, a Kafka broker, the
 * services and the gateway, each its own process.
 * {@link org.dsplatform.launcher.LocalPlatform} is the API the system tests use.
 */
package org.dsplatform.launcher;
