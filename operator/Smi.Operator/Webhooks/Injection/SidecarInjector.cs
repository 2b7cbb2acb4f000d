using System.Text.Json.Nodes;
using k8s.Models;
using Smi.Core.Cluster;
using Smi.Manifests;
using Smi.Operator.Kubernetes;
using Smi.ProxyConfig.Sidecar;

namespace Smi.Operator.Webhooks.Injection;

/// <summary>
/// Computes the JSON Patch that turns a pod into a meshed pod: the proxy as a **native sidecar**
/// (an init container with <c>restartPolicy: Always</c> and a startup probe on /ready, so the app
/// starts only once its proxy serves, and Jobs complete when their app exits), optionally preceded
/// by the iptables init container; the identity's ConfigMap and certificate Secret as volumes;
/// downward-API environment. Pure: a pod in, a patch (or why not) out.
/// </summary>
internal static class SidecarInjector
{
    public const string ProxyContainer = KubernetesMapper.ProxyContainerName;
    public const string InitContainer = "smi-init";
    public const string ConfigDir = "/etc/smi/config";
    public const string CertDir = "/etc/smi/certs";

    public static InjectionResult Inject(V1Pod pod, string @namespace, InjectionOptions options)
    {
        var spec = pod.Spec;
        if (spec is null)
        {
            return InjectionResult.Skip("the pod has no spec");
        }

        var annotations = pod.Metadata?.Annotations ?? new Dictionary<string, string>();
        var labels = pod.Metadata?.Labels ?? new Dictionary<string, string>();
        if (Disabled(labels) || Disabled(annotations))
        {
            return InjectionResult.Skip($"the pod opts out ({MeshConventions.InjectKey}: disabled)");
        }

        if (spec.HostNetwork == true)
        {
            return InjectionResult.Skip("the pod uses the host network, which a sidecar cannot intercept");
        }

        if ((spec.InitContainers ?? []).Concat(spec.Containers ?? []).Any(c => c.Name == ProxyContainer))
        {
            return InjectionResult.Skip("the pod already has a proxy");
        }

        var serviceAccount = string.IsNullOrEmpty(spec.ServiceAccountName) ? "default" : spec.ServiceAccountName;
        var transparent = options.Transparent && !(annotations.TryGetValue(InjectionAnnotations.Transparent, out var t) && t == "false");
        var workload = KubernetesMapper.WorkloadOf(pod.Metadata ?? new V1ObjectMeta { Name = "pod" });

        var warnings = new List<string>();
        var shapes = options.MetricShapes;
        if (annotations.TryGetValue(InjectionAnnotations.MetricShapes, out var requested))
        {
            if (MetricShapeNames.TryParse(requested, out var parsed, out var error))
            {
                shapes = MetricShapeNames.Format(parsed);
            }
            else
            {
                warnings.Add($"smi-operator: annotation {InjectionAnnotations.MetricShapes}: {error}; the proxy records the default shapes ({shapes})");
            }
        }

        var patch = new JsonArray();

        // Under interception kubelet's probes of app ports would meet the inbound listener's default deny.
        var rewriteProbes = transparent && !(annotations.TryGetValue(InjectionAnnotations.RewriteProbes, out var rewrite) && rewrite == "false");
        var (probeOperations, appProbes) = rewriteProbes ? ProbeRewriter.Rewrite(spec, options.AdminPort) : ([], []);
        var injected = new List<JsonNode> { Proxy(options, serviceAccount, workload, pod.Metadata?.Name, shapes, appProbes) };
        if (transparent)
        {
            injected.Insert(0, Init(options, annotations));
        }

        // Proxy first among init containers: later init containers may need the network too.
        if (spec.InitContainers is null or { Count: 0 })
        {
            patch.Add(Op("add", "/spec/initContainers", new JsonArray([.. injected])));
        }
        else
        {
            for (var i = injected.Count - 1; i >= 0; i--)
            {
                patch.Add(Op("add", "/spec/initContainers/0", injected[i]));
            }
        }

        JsonNode[] volumes =
        [
            new JsonObject { ["name"] = "smi-config", ["configMap"] = new JsonObject { ["name"] = ProxyConfigMaps.NameFor(serviceAccount) } },
            new JsonObject { ["name"] = "smi-certs", ["secret"] = new JsonObject { ["secretName"] = ProxyConfigMaps.SecretNameFor(serviceAccount) } },
            new JsonObject { ["name"] = "smi-tmp", ["emptyDir"] = new JsonObject { ["medium"] = "Memory", ["sizeLimit"] = "16Mi" } },
        ];
        if (spec.Volumes is null or { Count: 0 })
        {
            patch.Add(Op("add", "/spec/volumes", new JsonArray(volumes)));
        }
        else
        {
            foreach (var volume in volumes)
            {
                patch.Add(Op("add", "/spec/volumes/-", volume));
            }
        }

        if (!transparent)
        {
            AddHttpProxyEnv(patch, spec, options);
        }

        foreach (var operation in probeOperations)
        {
            patch.Add(operation);
        }

        patch.Add(pod.Metadata?.Annotations is null
            ? Op("add", "/metadata/annotations", new JsonObject { [InjectionAnnotations.Status] = "injected" })
            : Op("add", "/metadata/annotations/" + Escape(InjectionAnnotations.Status), JsonValue.Create("injected")));
        return InjectionResult.Patched(patch) with { Warnings = warnings };
    }

    private static JsonObject Proxy(InjectionOptions options, string serviceAccount, WorkloadRef workload, string? podName, string metricShapes, Dictionary<string, AppProbe> appProbes) => new()
    {
        ["name"] = ProxyContainer,
        ["image"] = options.ProxyImage,
        ["imagePullPolicy"] = options.ImagePullPolicy,
        ["restartPolicy"] = "Always",
        ["env"] = ProxyEnv(options, serviceAccount, workload, podName, metricShapes, appProbes),
        ["ports"] = new JsonArray(
            Port("smi-outbound", options.OutboundPort),
            Port("smi-inbound", options.InboundPort),
            Port("smi-admin", options.AdminPort)),
        ["startupProbe"] = Probe("/ready", options.AdminPort, period: 1, failures: 120),
        ["readinessProbe"] = Probe("/ready", options.AdminPort, period: 5, failures: 3),
        ["livenessProbe"] = new JsonObject { ["tcpSocket"] = new JsonObject { ["port"] = options.AdminPort }, ["periodSeconds"] = 10, ["failureThreshold"] = 6 },
        ["resources"] = new JsonObject
        {
            ["requests"] = new JsonObject { ["cpu"] = options.CpuRequest, ["memory"] = options.MemoryRequest },
            ["limits"] = new JsonObject { ["memory"] = options.MemoryLimit },
        },
        ["securityContext"] = new JsonObject
        {
            ["runAsUser"] = options.ProxyUid,
            ["runAsGroup"] = options.ProxyUid,
            ["runAsNonRoot"] = true,
            ["readOnlyRootFilesystem"] = true,
            ["allowPrivilegeEscalation"] = false,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
        },
        ["volumeMounts"] = new JsonArray(
            Mount("smi-config", ConfigDir, readOnly: true),
            Mount("smi-certs", CertDir, readOnly: true),
            Mount("smi-tmp", "/tmp", readOnly: false)),
    };

    private static JsonArray ProxyEnv(InjectionOptions options, string serviceAccount, WorkloadRef workload, string? podName, string metricShapes, Dictionary<string, AppProbe> appProbes)
    {
        var env = new JsonArray(
            FieldEnv(SidecarEnvironment.PodName, "metadata.name"),
            FieldEnv(SidecarEnvironment.PodNamespace, "metadata.namespace"),
            FieldEnv(SidecarEnvironment.PodIp, "status.podIP"),
            FieldEnv(SidecarEnvironment.PodIps, "status.podIPs"),
            Env(SidecarEnvironment.ServiceAccount, serviceAccount),
            Env(SidecarEnvironment.WorkloadKind, workload.Kind),
            Env(SidecarEnvironment.WorkloadName, podName is null && workload.Kind == "Pod" ? string.Empty : workload.Name),
            Env(SidecarEnvironment.ConfigDirectory, ConfigDir),
            Env(SidecarEnvironment.CertificateDirectory, CertDir),
            Env(SidecarEnvironment.OutboundPort, options.OutboundPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Env(SidecarEnvironment.InboundPort, options.InboundPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Env(SidecarEnvironment.AdminPort, options.AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Env(SidecarEnvironment.MetricShapes, metricShapes));
        if (appProbes.Count > 0)
        {
            env.Add(Env(SidecarEnvironment.AppProbes, AppProbes.Serialize(appProbes)));
        }

        return env;
    }

    private static JsonObject Init(InjectionOptions options, IDictionary<string, string> annotations)
    {
        var env = new JsonArray(
            Env(SidecarEnvironment.InboundPort, options.InboundPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Env(SidecarEnvironment.OutboundPort, options.OutboundPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Env(SidecarEnvironment.AdminPort, options.AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Env(SidecarEnvironment.ProxyUid, options.ProxyUid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var (annotation, variable) in new[]
        {
            (InjectionAnnotations.ExcludeInboundPorts, "SMI_EXCLUDE_INBOUND_PORTS"),
            (InjectionAnnotations.ExcludeOutboundPorts, "SMI_EXCLUDE_OUTBOUND_PORTS"),
            (InjectionAnnotations.ExcludeOutboundCidrs, "SMI_EXCLUDE_OUTBOUND_CIDRS"),
        })
        {
            if (annotations.TryGetValue(annotation, out var value))
            {
                env.Add(Env(variable, value));
            }
        }

        return new JsonObject
        {
            ["name"] = InitContainer,
            ["image"] = options.ProxyImage,
            ["imagePullPolicy"] = options.ImagePullPolicy,
            ["command"] = new JsonArray("/bin/sh", "/opt/smi/smi-iptables.sh"),
            ["env"] = env,
            ["resources"] = new JsonObject
            {
                ["requests"] = new JsonObject { ["cpu"] = "10m", ["memory"] = "16Mi" },
                ["limits"] = new JsonObject { ["memory"] = "64Mi" },
            },
            ["securityContext"] = new JsonObject
            {
                // iptables needs root with NET_ADMIN/NET_RAW, for this one short-lived container only.
                ["runAsUser"] = 0,
                ["runAsNonRoot"] = false,
                ["readOnlyRootFilesystem"] = true,
                ["allowPrivilegeEscalation"] = false,
                ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL"), ["add"] = new JsonArray("NET_ADMIN", "NET_RAW") },
            },
        };
    }

    private static void AddHttpProxyEnv(JsonArray patch, V1PodSpec spec, InjectionOptions options)
    {
        var proxy = $"http://127.0.0.1:{options.OutboundPort}";
        JsonNode[] env = [Env("HTTP_PROXY", proxy), Env("http_proxy", proxy), Env("NO_PROXY", "localhost,127.0.0.1"), Env("no_proxy", "localhost,127.0.0.1")];
        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            if (spec.Containers![i].Env is null or { Count: 0 })
            {
                patch.Add(Op("add", $"/spec/containers/{i}/env", new JsonArray([.. env.Select(e => e.DeepClone())])));
            }
            else
            {
                foreach (var variable in env)
                {
                    patch.Add(Op("add", $"/spec/containers/{i}/env/-", variable.DeepClone()));
                }
            }
        }
    }

    private static bool Disabled(IDictionary<string, string> values) =>
        values.TryGetValue(MeshConventions.InjectKey, out var value) && value == "disabled";

    private static JsonObject Op(string op, string path, JsonNode? value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    // RFC 6901: '~' -> '~0', '/' -> '~1'.
    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static JsonObject FieldEnv(string name, string field) =>
        new() { ["name"] = name, ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = field } } };

    private static JsonObject Port(string name, int port) => new() { ["name"] = name, ["containerPort"] = port, ["protocol"] = "TCP" };

    private static JsonObject Probe(string path, int port, int period, int failures) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = port },
        ["periodSeconds"] = period,
        ["failureThreshold"] = failures,
    };

    private static JsonObject Mount(string name, string path, bool readOnly) => new() { ["name"] = name, ["mountPath"] = path, ["readOnly"] = readOnly };
}
