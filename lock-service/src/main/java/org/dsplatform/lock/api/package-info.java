/**
 * The HTTP API of the lock-service: mutexes, read-write locks and semaphores under
 * {@code /api/locks}, their validation and their problem documents.
 */
package org.dsplatform.lock.api;
