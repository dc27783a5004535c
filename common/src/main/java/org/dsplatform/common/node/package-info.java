/**
 * Identity of a service instance: its node id and what it reports about itself.
 */
package org.dsplatform.common.node;
