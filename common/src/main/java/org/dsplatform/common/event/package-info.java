/**
 * Events that one service publishes and another consumes.
 */
package org.dsplatform.common.event;
