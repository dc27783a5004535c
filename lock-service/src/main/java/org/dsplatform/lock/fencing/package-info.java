/**
 * Fencing tokens: their layout, and where the epoch that keeps them growing across a loss
 * of Redis data comes from.
 */
package org.dsplatform.lock.fencing;
