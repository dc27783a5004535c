/**
 * Checks of the deployment assets (docker-compose.yml, the Kubernetes manifests, the
 * Prometheus configuration and the Grafana dashboards) against the services as they are:
 * their configuration properties, their profiles, the paths they serve and the metrics
 * they export.
 */
package org.dsplatform.system.deploy;
