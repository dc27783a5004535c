/**
 * Request ids at the platform's entry: every request gets one, the service behind the
 * gateway and the client both see it.
 */
package org.dsplatform.gateway.trace;
