/**
 * The cache ring as this node sees it: ownership of keys, registration in the KV
 * registry, handoff.
 */
package org.dsplatform.cache.ring;
