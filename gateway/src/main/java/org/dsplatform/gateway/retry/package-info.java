/**
 * Retries that never replay a request whose effect could happen twice.
 */
package org.dsplatform.gateway.retry;
