/**
 * Health contributors that more than one service needs.
 */
package org.dsplatform.common.health;
