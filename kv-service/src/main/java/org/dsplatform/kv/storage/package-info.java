/**
 * The key-value store's replicated state and its commands: what every replica applies in
 * log order. Knows nothing of Raft or HTTP.
 */
package org.dsplatform.kv.storage;
