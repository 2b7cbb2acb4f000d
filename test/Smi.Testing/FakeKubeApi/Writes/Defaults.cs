using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// The handful of server-side defaults clients commonly depend on (a Service's clusterIP and port
/// protocol, a Namespace's phase and name label, a Deployment's replicas, a Pod's phase). The full
/// defaulting of the real API server is out of scope.
/// </summary>
internal static class Defaults
{
    private static int _nextClusterIp = 10;

    public static void Apply(ResourceType type, JsonObject obj)
    {
        switch (type.Key)
        {
            case "namespaces":
                Labels(obj)["kubernetes.io/metadata.name"] = Meta.Name(obj);
                Child(obj, "spec")["finalizers"] ??= new JsonArray("kubernetes");
                Child(obj, "status")["phase"] ??= "Active";
                break;
            case "services":
                var spec = Child(obj, "spec");
                spec["type"] ??= "ClusterIP";
                spec["sessionAffinity"] ??= "None";
                if (Meta.Str(spec["type"]) != "ExternalName" && spec["clusterIP"] is null)
                {
                    var n = Interlocked.Increment(ref _nextClusterIp);
                    var ip = $"10.96.{(n / 250) % 250}.{(n % 250) + 1}";
                    spec["clusterIP"] = ip;
                    spec["clusterIPs"] = new JsonArray(ip);
                }

                foreach (var port in (spec["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    port["protocol"] ??= "TCP";
                    port["targetPort"] ??= port["port"]?.DeepClone();
                }

                Child(obj, "status")["loadBalancer"] ??= new JsonObject();
                break;
            case "deployments.apps":
            case "replicasets.apps":
                Child(obj, "spec")["replicas"] ??= 1;
                PodSpec(obj["spec"]?["template"]?["spec"] as JsonObject);
                break;
            case "pods":
                Child(obj, "status")["phase"] ??= "Pending";
                PodSpec(obj["spec"] as JsonObject);
                break;
            case "secrets":
                obj["type"] ??= "Opaque";
                break;
        }
    }

    /// <summary>
    /// What the API machinery does on every write: a Secret's <c>stringData</c> is merged into
    /// <c>data</c> (base64) and never stored.
    /// </summary>
    public static void Normalize(ResourceType type, JsonObject obj)
    {
        if (type.Key == "secrets" && obj["stringData"] is JsonObject stringData)
        {
            var data = Child(obj, "data");
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Meta.Str(value) ?? string.Empty));
            }

            obj.Remove("stringData");
        }
    }

    private static void PodSpec(JsonObject? spec)
    {
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (spec?[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                foreach (var port in (container["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    port["protocol"] ??= "TCP";
                }
            }
        }
    }

    private static JsonObject Labels(JsonObject obj) => Child(Meta.Of(obj), "labels");

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject child)
        {
            child = new JsonObject();
            parent[name] = child;
        }

        return child;
    }
}
