/**
 * The HTTP API of the lock-service.
 */
package org.dsplatform.lock.api;
