package org.dsplatform.system.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Kubernetes manifests as {@code kubectl kustomize} renders every overlay, parsed
 * strictly into the typed Kubernetes model and checked against the services' {@code k8s}
 * profiles: names, ports, probes, limits, privileges, exposure. An integration test
 * because it runs {@code kubectl}; skipped (with the reason) where kubectl is not
 * installed.
 */
class KubernetesManifestsIntegrationTests {

	static final String DEMO = "demo";

	static final Map<String, String> rendered = new LinkedHashMap<>();

	static List<KubernetesObject> demo;

	@BeforeAll
	static void render() {
		Assumptions.assumeTrue(KubernetesManifests.kubectlAvailable(),
				"kubectl is not on the PATH: the Kubernetes manifests are not rendered or checked here");
		for (Path overlay : KubernetesManifests.overlays()) {
			rendered.put(overlay.getFileName().toString(), KubernetesManifests.render(overlay));
		}
		assertThat(rendered).containsKey(DEMO);
		demo = KubernetesManifests.parse(rendered.get(DEMO));
	}

	@Test
	void rendersEveryOverlayIntoObjectsThatParseStrictly() {
		rendered.forEach((overlay, yaml) -> {
			List<KubernetesObject> objects = KubernetesManifests.parse(yaml);
			assertThat(objects).as(overlay).isNotEmpty();
			assertThat(objects).as(overlay)
				.allSatisfy((object) -> assertThat(object.getMetadata().getName()).isNotBlank());
		});
	}

	@Test
	void rejectsAnUnknownFieldAWrongTypeAMissingRequiredFieldAndAnUnknownKind() {
		JsonObject statefulSet = KubernetesManifests.jsonTrees(rendered.get(DEMO))
			.stream()
			.map(JsonElement::getAsJsonObject)
			.filter((object) -> object.get("kind").getAsString().equals("StatefulSet")
					&& object.getAsJsonObject("metadata").get("name").getAsString().equals("kv"))
			.findFirst()
			.orElseThrow();
		assertThat(KubernetesManifests.parse(statefulSet)).isInstanceOf(V1StatefulSet.class);

		JsonObject unknownField = statefulSet.deepCopy();
		unknownField.getAsJsonObject("spec").addProperty("replica", 3);
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesManifests.parse(unknownField))
			.withMessageContaining("`replica`")
			.withMessageContaining("V1StatefulSetSpec");

		JsonObject nestedUnknownField = statefulSet.deepCopy();
		container(nestedUnknownField).addProperty("imagePullPolicyy", "Always");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesManifests.parse(nestedUnknownField))
			.withMessageContaining("`imagePullPolicyy`");

		JsonObject wrongType = statefulSet.deepCopy();
		wrongType.getAsJsonObject("spec").addProperty("replicas", "three");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesManifests.parse(wrongType))
			.withMessageContaining("three");

		JsonObject wrongQuantity = statefulSet.deepCopy();
		container(wrongQuantity).getAsJsonObject("resources").getAsJsonObject("limits").addProperty("memory", "lots");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesManifests.parse(wrongQuantity))
			.withMessageContaining("lots");

		JsonObject missingField = statefulSet.deepCopy();
		missingField.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec").remove("containers");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesManifests.parse(missingField))
			.withMessageContaining("`containers`");

		JsonObject unknownKind = statefulSet.deepCopy();
		unknownKind.addProperty("kind", "StatefullSet");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesManifests.parse(unknownKind))
			.withMessageContaining("do not know");
	}

	@Test
	void runsTheKvStoreAsAStatefulSetWhosePodsAreThePeersOfTheK8sProfile() {
		V1StatefulSet kv = KubernetesManifests.byName(demo, V1StatefulSet.class).get("kv");
		assertThat(kv).as("StatefulSet kv").isNotNull();
		int replicas = kv.getSpec().getReplicas();
		assertThat(replicas).isEqualTo(3);
		assertThat(kv.getSpec().getPodManagementPolicy()).as("all peers start together").isEqualTo("Parallel");
		V1Service headless = service(kv.getSpec().getServiceName());
		assertThat(kv.getSpec().getServiceName()).isEqualTo("kv-headless");
		assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
		assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
		assertThat(kv.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(headless.getSpec().getSelector());

		for (int i = 0; i < replicas; i++) {
			String pod = "kv-" + i;
			Map<String, String> properties = k8sProperties("kv-service", kv.getSpec().getTemplate(),
					Map.of("HOSTNAME", pod));
			Map<String, String> expected = new LinkedHashMap<>();
			IntStream.range(0, replicas).forEach((n) -> expected.put("kv-" + n, "kv-" + n + ".kv-headless:9100"));
			assertThat(ServiceConfiguration.pairs(properties, "kv.raft.peers")).as(pod + " kv.raft.peers")
				.isEqualTo(expected);
			assertThat(properties.get("platform.node-id")).isEqualTo(pod);
			V1Container container = kv.getSpec().getTemplate().getSpec().getContainers().get(0);
			assertThat(port(container, "raft")).isEqualTo(9100);
			assertThat(servicePort(headless, "raft")).isEqualTo(9100);
			assertThat(container.getVolumeMounts()).anySatisfy((mount) -> {
				assertThat(mount.getMountPath()).isEqualTo(properties.get("kv.data-dir"));
				assertThat(kv.getSpec().getVolumeClaimTemplates()).extracting((claim) -> claim.getMetadata().getName())
					.contains(mount.getName());
			});
		}
		V1PodDisruptionBudget budget = KubernetesManifests.byName(demo, V1PodDisruptionBudget.class).get("kv");
		assertThat(budget.getSpec().getMaxUnavailable().getIntValue()).as("quorum of 3 survives one").isEqualTo(1);
		assertThat(kv.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
	}

	@Test
	void givesEveryCacheNodeItsPodIpAsItsAdvertisedUrl() {
		V1Deployment cache = deployment("cache-service");
		V1EnvVar podIp = container(cache.getSpec().getTemplate()).getEnv()
			.stream()
			.filter((env) -> env.getName().equals("POD_IP"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("cache-service has no POD_IP"));
		assertThat(podIp.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
		Map<String, String> properties = k8sProperties("cache-service", cache.getSpec().getTemplate(),
				Map.of("HOSTNAME", "cache-service-5d8f9-abcde", "POD_IP", "10.1.2.3"));
		assertThat(properties.get("cache.advertised-url")).isEqualTo("http://10.1.2.3:8080");
		assertThat(ServiceConfiguration.list(properties, "cache.kv-urls"))
			.containsExactlyInAnyOrderElementsOf(kvUrls());
	}

	@Test
	void pointsTheK8sProfileOfEveryServiceAtObjectsThatExist() {
		Map<String, String> gateway = k8sProperties("gateway", deployment("gateway").getSpec().getTemplate(),
				Map.of("HOSTNAME", "gateway-7c9d-xyz"));
		String instances = "spring.cloud.discovery.client.simple.instances.";
		assertThat(indexed(gateway, instances + "kv-service", "uri")).containsExactlyInAnyOrderElementsOf(kvUrls());
		assertThat(indexed(gateway, instances + "cache-service", "uri")).containsExactly(serviceUrl("cache-service"));
		assertThat(indexed(gateway, instances + "lock-service", "uri")).containsExactly(serviceUrl("lock-service"));
		assertThat(ServiceConfiguration.list(gateway, "gateway.cache-ring.kv-urls"))
			.containsExactlyInAnyOrderElementsOf(kvUrls());
		assertThat(gateway.get("server.port")).isEqualTo("8080");

		Map<String, String> lock = k8sProperties("lock-service", deployment("lock-service").getSpec().getTemplate(),
				Map.of("HOSTNAME", "lock-service-1"));
		assertThat(lock.get("locks.kv-url")).isEqualTo(serviceUrl("gateway"));
		assertThat(service(lock.get("spring.data.redis.host"))).as("Redis Service").isNotNull();
		assertThat(servicePort(service(lock.get("spring.data.redis.host")), null))
			.isEqualTo(Integer.parseInt(lock.get("spring.data.redis.port")));

		for (String module : List.of("kv-service", "cache-service", "lock-service")) {
			V1PodTemplateSpec template = template(module);
			String bootstrap = k8sProperties(module, template, Map.of("HOSTNAME", "x", "POD_IP", "10.0.0.1"))
				.get("spring.kafka.bootstrap-servers");
			String[] hostPort = bootstrap.split(":");
			assertThat(servicePort(service(hostPort[0]), null)).as(module + " Kafka at " + bootstrap)
				.isEqualTo(Integer.parseInt(hostPort[1]));
		}
	}

	@Test
	void theDemoGivesTheGatewayAnApiKeyAndTheK8sProfileRequiresOne() {
		Map<String, String> properties = k8sProperties("gateway", template("gateway"), Map.of("HOSTNAME", "x"));
		assertThat(properties).containsEntry("gateway.security.enabled", "true")
			.containsEntry("gateway.limits.rate-limit.enabled", "true");
		assertThat(environment(demo, template("gateway"))).containsKeys("GATEWAY_SECURITY_APIKEYS_0_NAME",
				"GATEWAY_SECURITY_APIKEYS_0_ROLE", "GATEWAY_SECURITY_APIKEYS_0_SHA256");
	}

	@Test
	void configuresEveryServiceThroughRealPropertiesAndTheK8sProfile() {
		rendered.forEach((overlay, yaml) -> {
			List<KubernetesObject> objects = KubernetesManifests.parse(yaml);
			for (String module : Project.SERVICES) {
				V1PodTemplateSpec template = template(objects, module);
				Map<String, String> environment = environment(objects, template);
				assertThat(environment).as(overlay + " " + module).containsEntry("SPRING_PROFILES_ACTIVE", "k8s");
				assertThat(ConfigurationPropertyCatalog.of(module).unknown(environment.keySet()))
					.as(overlay + " " + module + ": environment variables that configure nothing")
					.isEmpty();
				assertThat(container(template).getImage()).startsWith("dsplatform/" + module + ":");
			}
		});
	}

	@Test
	void probesTheActuatorHealthGroupsOnThePortTheServiceListensOn() {
		for (String module : Project.SERVICES) {
			V1PodTemplateSpec template = template(module);
			V1Container container = container(template);
			String serverPort = k8sProperties(module, template, Map.of("HOSTNAME", "x", "POD_IP", "10.0.0.1"))
				.get("server.port");
			assertThat(port(container, "http")).as(module + " http port").isEqualTo(Integer.parseInt(serverPort));
			assertProbe(module, "liveness", container.getLivenessProbe(), "/actuator/health/liveness");
			assertProbe(module, "readiness", container.getReadinessProbe(), "/actuator/health/readiness");
			assertProbe(module, "startup", container.getStartupProbe(), "/actuator/health/liveness");
			assertThat(template.getMetadata().getAnnotations()).as(module + " scrape annotations")
				.containsEntry("prometheus.io/scrape", "true")
				.containsEntry("prometheus.io/path", "/actuator/prometheus")
				.containsEntry("prometheus.io/port", serverPort);
		}
	}

	@Test
	void limitsResourcesAndRunsEveryContainerWithoutPrivileges() {
		for (Map.Entry<String, V1PodTemplateSpec> workload : workloads().entrySet()) {
			String name = workload.getKey();
			V1PodSpec pod = workload.getValue().getSpec();
			assertThat(pod.getAutomountServiceAccountToken()).as(name + " service account token").isFalse();
			assertThat(pod.getEnableServiceLinks()).as(name + " service links").isFalse();
			for (V1Container container : pod.getContainers()) {
				assertThat(container.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
				assertThat(container.getResources().getLimits()).as(name + " limits").containsKeys("cpu", "memory");
				boolean nonRoot = Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())
						|| (container.getSecurityContext() != null
								&& Boolean.TRUE.equals(container.getSecurityContext().getRunAsNonRoot()));
				assertThat(nonRoot).as(name + " runAsNonRoot").isTrue();
				assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
				assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
				assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
			}
		}
		for (String module : Project.SERVICES) {
			V1PodTemplateSpec template = template(module);
			V1Container container = container(template);
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(module + " read-only root")
				.isTrue();
			String tmp = container.getVolumeMounts()
				.stream()
				.filter((mount) -> mount.getMountPath().equals("/tmp"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(module + " has no writable /tmp"))
				.getName();
			V1Volume volume = template.getSpec()
				.getVolumes()
				.stream()
				.filter((candidate) -> candidate.getName().equals(tmp))
				.findFirst()
				.orElseThrow();
			assertThat(volume.getEmptyDir()).as(module + " /tmp is an emptyDir").isNotNull();
		}
	}

	@Test
	void autoscalesTheLockServiceAndTheGatewayOnCpu() {
		Map<String, V2HorizontalPodAutoscaler> autoscalers = KubernetesManifests.byName(demo,
				V2HorizontalPodAutoscaler.class);
		for (String name : List.of("lock-service", "gateway")) {
			V2HorizontalPodAutoscaler autoscaler = autoscalers.values()
				.stream()
				.filter((hpa) -> hpa.getSpec().getScaleTargetRef().getName().equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no HPA for " + name));
			assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(deployment(name).getSpec().getReplicas()).as(name + ": the HPA owns the replica count").isNull();
			assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
			assertThat(autoscaler.getSpec().getMetrics())
				.anySatisfy((metric) -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
		}
	}

	@Test
	void exposesOnlyTheGatewayOutsideTheNamespace() {
		rendered.forEach(
				(overlay, yaml) -> assertThat(exposureProblems(KubernetesManifests.parse(yaml))).as(overlay).isEmpty());
	}

	@Test
	void wouldNoticeAPolicyThatOpensAnotherServiceToEveryone() {
		V1NetworkPolicy open = new V1NetworkPolicy()
			.metadata(new io.kubernetes.client.openapi.models.V1ObjectMeta().name("kv-from-anywhere"))
			.spec(new io.kubernetes.client.openapi.models.V1NetworkPolicySpec()
				.podSelector(new io.kubernetes.client.openapi.models.V1LabelSelector()
					.matchLabels(Map.of("app.kubernetes.io/name", "kv-service")))
				.addIngressItem(new V1NetworkPolicyIngressRule()));
		List<KubernetesObject> objects = new ArrayList<>(demo);
		objects.add(open);
		assertThat(exposureProblems(objects)).anySatisfy((problem) -> assertThat(problem).contains("kv-from-anywhere"));
	}

	@Test
	void runsKafkaAndRedisForTheDemoWithSingleReplicaSettingsAndPersistence() {
		V1StatefulSet kafka = KubernetesManifests.byName(demo, V1StatefulSet.class).get("kafka");
		Map<String, String> environment = environment(demo, kafka.getSpec().getTemplate());
		assertThat(environment).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
			.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
		assertThat(kafka.getSpec().getVolumeClaimTemplates()).isNotEmpty();
		V1StatefulSet redis = KubernetesManifests.byName(demo, V1StatefulSet.class).get("redis");
		assertThat(container(redis.getSpec().getTemplate()).getArgs()).containsSubsequence("--appendonly", "yes");
		assertThat(redis.getSpec().getVolumeClaimTemplates()).isNotEmpty();
	}

	/**
	 * What would let something other than the gateway be reached from outside: a Service
	 * of type NodePort or LoadBalancer, an Ingress to another Service, a missing
	 * default-deny policy, a policy open to every source or to whole namespaces or IP
	 * blocks for anything but the gateway.
	 */
	static List<String> exposureProblems(List<KubernetesObject> objects) {
		List<String> problems = new ArrayList<>();
		KubernetesManifests.byName(objects, V1Service.class).forEach((name, service) -> {
			String type = Objects.requireNonNullElse(service.getSpec().getType(), "ClusterIP");
			if (!type.equals("ClusterIP")) {
				problems.add("Service " + name + " is of type " + type);
			}
		});
		KubernetesManifests.byName(objects, V1Ingress.class).forEach((name, ingress) -> {
			for (V1IngressRule rule : ingress.getSpec().getRules()) {
				rule.getHttp().getPaths().forEach((path) -> {
					if (!path.getBackend().getService().getName().equals("gateway")) {
						problems.add("Ingress " + name + " routes to " + path.getBackend().getService().getName());
					}
				});
			}
		});
		Map<String, V1NetworkPolicy> policies = KubernetesManifests.byName(objects, V1NetworkPolicy.class);
		boolean defaultDeny = policies.values()
			.stream()
			.anyMatch((policy) -> isEmpty(policy.getSpec().getPodSelector().getMatchLabels())
					&& isEmpty(policy.getSpec().getPodSelector().getMatchExpressions())
					&& policy.getSpec().getPolicyTypes().contains("Ingress")
					&& (policy.getSpec().getIngress() == null || policy.getSpec().getIngress().isEmpty()));
		if (!defaultDeny) {
			problems.add("no NetworkPolicy denies ingress to every pod by default");
		}
		policies.forEach((name, policy) -> {
			Map<String, String> selected = policy.getSpec().getPodSelector().getMatchLabels();
			boolean gatewayOnly = selected != null && selected.equals(Map.of("app.kubernetes.io/name", "gateway"));
			for (V1NetworkPolicyIngressRule rule : Objects.requireNonNullElse(policy.getSpec().getIngress(),
					List.<V1NetworkPolicyIngressRule>of())) {
				if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
					if (!gatewayOnly) {
						problems.add("NetworkPolicy " + name + " lets every source reach " + selected);
					}
					continue;
				}
				for (V1NetworkPolicyPeer peer : rule.getFrom()) {
					if (peer.getIpBlock() != null && !gatewayOnly) {
						problems.add("NetworkPolicy " + name + " admits an IP block");
					}
					if (peer.getNamespaceSelector() != null && peer.getPodSelector() == null && !gatewayOnly) {
						problems.add("NetworkPolicy " + name + " admits whole namespaces");
					}
				}
			}
		});
		return problems;
	}

	private static void assertProbe(String module, String kind, V1Probe probe, String path) {
		assertThat(probe).as(module + " " + kind + " probe").isNotNull();
		assertThat(probe.getHttpGet().getPath()).as(module + " " + kind + " probe path").isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrValue()).as(module + " " + kind + " probe port")
			.isEqualTo("http");
	}

	/**
	 * The effective {@code k8s} profile of a service in a pod of this template: its
	 * application.yml with the environment the pod sets (ConfigMaps and env) applied on
	 * top, as relaxed binding would.
	 */
	private static Map<String, String> k8sProperties(String module, V1PodTemplateSpec template,
			Map<String, String> runtime) {
		Map<String, String> environment = new HashMap<>(environment(demo, template));
		environment.putAll(runtime);
		Map<String, String> properties = new LinkedHashMap<>(
				ServiceConfiguration.of(module).effective("k8s", environment));
		Map<String, String> byEnvironmentForm = new HashMap<>();
		properties.keySet().forEach((key) -> {
			byEnvironmentForm.put(ConfigurationPropertyCatalog.environmentForm(key), key);
			byEnvironmentForm.put(ConfigurationPropertyCatalog.legacyEnvironmentForm(key), key);
		});
		environment.forEach((name, value) -> {
			String key = byEnvironmentForm.get(name);
			if (key != null) {
				properties.put(key, value);
			}
		});
		return properties;
	}

	/**
	 * The environment a pod's first container gets: envFrom ConfigMaps and Secrets, then
	 * env.
	 */
	private static Map<String, String> environment(List<KubernetesObject> objects, V1PodTemplateSpec template) {
		Map<String, String> environment = new LinkedHashMap<>();
		V1Container container = container(template);
		Map<String, V1ConfigMap> configMaps = KubernetesManifests.byName(objects, V1ConfigMap.class);
		Map<String, V1Secret> secrets = KubernetesManifests.byName(objects, V1Secret.class);
		for (V1EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<V1EnvFromSource>of())) {
			if (source.getSecretRef() != null) {
				String name = source.getSecretRef().getName();
				V1Secret secret = secrets.get(name);
				if (secret == null) {
					// Created by the operator, outside these manifests (the demo
					// generates one).
					continue;
				}
				Objects.requireNonNullElse(secret.getData(), Map.<String, byte[]>of())
					.forEach((key, value) -> environment.put(key, new String(value, StandardCharsets.UTF_8)));
				Objects.requireNonNullElse(secret.getStringData(), Map.<String, String>of()).forEach(environment::put);
				continue;
			}
			String name = source.getConfigMapRef().getName();
			V1ConfigMap configMap = configMaps.get(name);
			assertThat(configMap).as("ConfigMap " + name).isNotNull();
			environment.putAll(configMap.getData());
		}
		for (V1EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<V1EnvVar>of())) {
			environment.put(variable.getName(), Objects.requireNonNullElse(variable.getValue(), ""));
		}
		return environment;
	}

	private static List<String> kvUrls() {
		int replicas = KubernetesManifests.byName(demo, V1StatefulSet.class).get("kv").getSpec().getReplicas();
		return IntStream.range(0, replicas).mapToObj((i) -> "http://kv-" + i + ".kv-headless:8080").toList();
	}

	private static String serviceUrl(String name) {
		return "http://" + name + ":" + servicePort(service(name), "http");
	}

	private static V1Service service(String name) {
		V1Service service = KubernetesManifests.byName(demo, V1Service.class).get(name);
		assertThat(service).as("Service " + name).isNotNull();
		return service;
	}

	private static int servicePort(V1Service service, String name) {
		List<V1ServicePort> ports = service.getSpec().getPorts();
		return ports.stream()
			.filter((port) -> name == null || name.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " has no port " + name))
			.getPort();
	}

	private static int port(V1Container container, String name) {
		return container.getPorts()
			.stream()
			.filter((port) -> name.equals(port.getName()))
			.map(V1ContainerPort::getContainerPort)
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name));
	}

	private static V1Deployment deployment(String name) {
		V1Deployment deployment = KubernetesManifests.byName(demo, V1Deployment.class).get(name);
		assertThat(deployment).as("Deployment " + name).isNotNull();
		return deployment;
	}

	/** The pod template whose container runs the image of a service module. */
	private static V1PodTemplateSpec template(String module) {
		return template(demo, module);
	}

	private static V1PodTemplateSpec template(List<KubernetesObject> objects, String module) {
		return workloads(objects).values()
			.stream()
			.filter((template) -> container(template).getImage().startsWith("dsplatform/" + module + ":"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no workload runs dsplatform/" + module));
	}

	private static Map<String, V1PodTemplateSpec> workloads() {
		return workloads(demo);
	}

	private static Map<String, V1PodTemplateSpec> workloads(List<KubernetesObject> objects) {
		Map<String, V1PodTemplateSpec> templates = new LinkedHashMap<>();
		KubernetesManifests.byName(objects, V1Deployment.class)
			.forEach((name, deployment) -> templates.put("Deployment " + name, deployment.getSpec().getTemplate()));
		KubernetesManifests.byName(objects, V1StatefulSet.class)
			.forEach((name, set) -> templates.put("StatefulSet " + name, set.getSpec().getTemplate()));
		return templates;
	}

	private static V1Container container(V1PodTemplateSpec template) {
		return template.getSpec().getContainers().get(0);
	}

	private static JsonObject container(JsonObject workload) {
		return workload.getAsJsonObject("spec")
			.getAsJsonObject("template")
			.getAsJsonObject("spec")
			.getAsJsonArray("containers")
			.get(0)
			.getAsJsonObject();
	}

	private static List<String> indexed(Map<String, String> properties, String list, String field) {
		List<String> values = new ArrayList<>();
		for (int i = 0; properties.containsKey(list + "[" + i + "]." + field); i++) {
			values.add(properties.get(list + "[" + i + "]." + field));
		}
		return values;
	}

	private static boolean isEmpty(Map<String, String> map) {
		return map == null || map.isEmpty();
	}

	private static boolean isEmpty(List<?> list) {
		return list == null || list.isEmpty();
	}

	static Set<String> names(List<KubernetesObject> objects) {
		return objects.stream()
			.map((object) -> object.getKind() + "/" + object.getMetadata().getName())
			.collect(Collectors.toCollection(TreeSet::new));
	}

}
