package org.dsplatform.system.deploy;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * The Kubernetes manifests under {@code k8s/}: rendered by {@code kubectl kustomize} (no
 * cluster needed) and parsed strictly into the typed model of the Kubernetes Java client,
 * which rejects a field the API does not define, a value of the wrong type and a missing
 * required field (Kustomize itself checks none of these).
 */
final class KubernetesManifests {

	/** The kinds the manifests may use, by {@code apiVersion/kind}. */
	static final Map<String, Class<? extends KubernetesObject>> KINDS = Map.ofEntries(
			Map.entry("v1/Namespace", V1Namespace.class), Map.entry("v1/ConfigMap", V1ConfigMap.class),
			Map.entry("v1/Secret", V1Secret.class), Map.entry("v1/Service", V1Service.class),
			Map.entry("v1/ServiceAccount", V1ServiceAccount.class),
			Map.entry("v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class),
			Map.entry("apps/v1/Deployment", V1Deployment.class), Map.entry("apps/v1/StatefulSet", V1StatefulSet.class),
			Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class),
			Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class),
			Map.entry("networking.k8s.io/v1/Ingress", V1Ingress.class),
			Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class),
			Map.entry("rbac.authorization.k8s.io/v1/Role", V1Role.class),
			Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding.class));

	private static final Gson PLAIN = new Gson();

	private KubernetesManifests() {
	}

	/** Whether {@code kubectl} is on the PATH. */
	static boolean kubectlAvailable() {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "kubectl"))) {
				return true;
			}
		}
		return false;
	}

	/** Every overlay under {@code k8s/overlays}. */
	static List<Path> overlays() {
		Path overlays = Project.file("k8s/overlays");
		try (Stream<Path> directories = Files.list(overlays)) {
			return directories.filter((directory) -> Files.exists(directory.resolve("kustomization.yaml")))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The output of {@code kubectl kustomize} for a kustomization directory.
	 */
	static String render(Path kustomization) {
		try {
			Path output = Files.createTempFile("kustomize", ".yaml");
			Path errors = Files.createTempFile("kustomize", ".err");
			try {
				Process process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
					.redirectOutput(output.toFile())
					.redirectError(errors.toFile())
					.start();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("kubectl kustomize " + kustomization + " took over 60 s");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: "
							+ Files.readString(errors, StandardCharsets.UTF_8));
				}
				return Files.readString(output, StandardCharsets.UTF_8);
			}
			finally {
				Files.deleteIfExists(output);
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every object of a multi-document YAML stream, each parsed strictly into its typed
	 * model.
	 * @throws IllegalArgumentException naming the object and the reason if one does not
	 * parse, or has a kind this check does not know
	 */
	static List<KubernetesObject> parse(String yaml) {
		List<KubernetesObject> objects = new ArrayList<>();
		for (Object document : Project.yamlDocuments(new StringReader(yaml))) {
			objects.add(parse(PLAIN.toJsonTree(document)));
		}
		return objects;
	}

	/**
	 * One object, given as the JSON tree of its YAML.
	 */
	static KubernetesObject parse(JsonElement json) {
		String apiVersion = json.getAsJsonObject().has("apiVersion")
				? json.getAsJsonObject().get("apiVersion").getAsString() : "?";
		String kind = json.getAsJsonObject().has("kind") ? json.getAsJsonObject().get("kind").getAsString() : "?";
		String name = json.getAsJsonObject().has("metadata")
				&& json.getAsJsonObject().getAsJsonObject("metadata").has("name")
						? json.getAsJsonObject().getAsJsonObject("metadata").get("name").getAsString() : "?";
		Class<? extends KubernetesObject> type = KINDS.get(apiVersion + "/" + kind);
		if (type == null) {
			throw new IllegalArgumentException(apiVersion + "/" + kind + " " + name
					+ ": a kind these checks do not know; add its model class to KubernetesManifests.KINDS");
		}
		try {
			return JSON.getGson().fromJson(json, type);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					kind + " " + name + " does not parse as " + type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The objects of a YAML file as written, without Kustomize (the base's resources).
	 */
	static List<KubernetesObject> parseFile(Path file) {
		return parse(Project.read(file));
	}

	/**
	 * The JSON tree of each document of a YAML stream, for tests that damage one on
	 * purpose.
	 */
	static List<JsonElement> jsonTrees(String yaml) {
		List<JsonElement> trees = new ArrayList<>();
		for (Object document : Project.yamlDocuments(new StringReader(yaml))) {
			trees.add(PLAIN.toJsonTree(document));
		}
		return trees;
	}

	/** Objects of one type, by name. */
	static <T extends KubernetesObject> Map<String, T> byName(List<KubernetesObject> objects, Class<T> type) {
		Map<String, T> map = new LinkedHashMap<>();
		for (KubernetesObject object : objects) {
			if (type.isInstance(object)) {
				map.put(object.getMetadata().getName(), type.cast(object));
			}
		}
		return map;
	}

}
