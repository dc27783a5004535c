/**
 * Invalidation of cached entries by the KV's change stream.
 */
package org.dsplatform.cache.invalidation;
