package org.dsplatform.lock.lease;

/**
 * This node is stopping: a pending wait ended, or a new acquire was refused, without a
 * grant. Another node serves the retry.
 */
public class NodeShuttingDownException extends RuntimeException {

	public NodeShuttingDownException(String nodeId) {
		super("Node " + nodeId + " is shutting down");
	}

}
