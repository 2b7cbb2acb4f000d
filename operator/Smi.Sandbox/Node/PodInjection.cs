using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Smi.Manifests;
using Smi.Operator.Webhooks.Injection;

namespace Smi.Sandbox.Node;

/// <summary>
/// What the operator's mutating webhook makes of a pod: the sandbox builds the pod kubelet would
/// receive from the workload's template, runs the very injector the webhook runs on it, and
/// applies the resulting JSON Patch. So a netns pod gets the iptables init container, the native
/// sidecar with exactly the injected environment, and the rewritten probes.
/// </summary>
internal static class PodInjection
{
    /// <summary>The pod as admitted: injected when it runs a proxy, as written otherwise.</summary>
    public static V1Pod Admit(SimulatedPod simulated, InjectionOptions options)
    {
        var info = simulated.Pod;
        var spec = simulated.Spec is null ? new V1PodSpec { Containers = [] } : KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(simulated.Spec));
        spec.Containers ??= [];
        spec.ServiceAccountName ??= info.ServiceAccount;
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = info.Name,
                NamespaceProperty = info.Namespace,
                Labels = info.Labels.ToDictionary(kv => kv.Key, kv => kv.Value),
                Annotations = simulated.Annotations.Count == 0 ? null : simulated.Annotations.ToDictionary(kv => kv.Key, kv => kv.Value),
                OwnerReferences = info.Workload is { Kind: not "Pod" } w ? [new V1OwnerReference { ApiVersion = "apps/v1", Kind = w.Kind, Name = w.Name, Uid = "sandbox" }] : null,
            },
            Spec = spec,
        };
        if (!info.HasProxy)
        {
            return pod;
        }

        var result = SidecarInjector.Inject(pod, info.Namespace, options);
        if (result.Patch is null)
        {
            return pod;
        }

        var document = JsonNode.Parse(KubernetesJson.Serialize(pod))!;
        foreach (var operation in result.Patch)
        {
            Apply(document, operation!.AsObject());
        }

        return KubernetesJson.Deserialize<V1Pod>(document.ToJsonString());
    }

    /// <summary>Applies one RFC 6902 operation of the kinds the injector emits (add, replace).</summary>
    internal static void Apply(JsonNode document, JsonObject operation)
    {
        var op = operation["op"]!.GetValue<string>();
        var path = operation["path"]!.GetValue<string>().Split('/')[1..].Select(Unescape).ToList();
        var value = operation["value"]?.DeepClone();
        var parent = document;
        foreach (var segment in path[..^1])
        {
            parent = parent is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]! : parent[segment] ?? throw new InvalidOperationException($"injection patch: no {segment} in {operation["path"]}");
        }

        var last = path[^1];
        switch (op, parent)
        {
            case ("add", JsonArray array):
                if (last == "-")
                {
                    array.Add(value);
                }
                else
                {
                    array.Insert(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture), value);
                }

                break;
            case ("add" or "replace", JsonObject obj):
                obj[last] = value;
                break;
            case ("replace", JsonArray array):
                array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
            default:
                throw new InvalidOperationException($"injection patch: the sandbox applies add and replace, not {op} at {operation["path"]}");
        }
    }

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
