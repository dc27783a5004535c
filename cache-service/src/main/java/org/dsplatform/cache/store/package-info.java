/**
 * The local store of a cache node: bounded, with per-entry time to live and the KV
 * revision of each value.
 */
package org.dsplatform.cache.store;
