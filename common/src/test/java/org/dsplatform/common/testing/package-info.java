/**
 * Test fixtures shared by the modules' tests (published as this module's test jar).
 */
package org.dsplatform.common.testing;
