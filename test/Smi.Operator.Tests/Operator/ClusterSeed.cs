using System.Text.Json.Nodes;
using Smi.Core.Cluster;
using Smi.Manifests;
using Smi.Testing.FakeKubeApi;

namespace Smi.Operator.Tests.Operator;

/// <summary>
/// The fake API server runs no controllers, so tests play them: the Deployments of a manifest file
/// become injected, ready Pods (owned by a ReplicaSet, as in a cluster) and Services get
/// EndpointSlices, all seeded straight into the store — the same simulation local mode uses.
/// </summary>
internal static class ClusterSeed
{
    public static (int Pods, int Slices) SeedWorkloads(FakeKubeApiServer api, string manifests)
    {
        var folder = new ManifestFolder(manifests);
        var (objects, problems) = folder.Refresh();
        Assert.True(problems.All(p => p.Severity != "error"), string.Join("\n", problems));
        var (snapshot, pods) = new LocalSnapshotBuilder().Build(objects, new MeshOptions { MeshUnlabelledNamespaces = true });
        foreach (var pod in pods)
        {
            api.Seed(Pod(pod));
        }

        foreach (var slice in snapshot.EndpointSlices)
        {
            api.Seed(Slice(slice));
        }

        return (pods.Count, snapshot.EndpointSlices.Length);
    }

    public static JsonObject Pod(SimulatedPod simulated)
    {
        var pod = simulated.Pod;
        var labels = new JsonObject { ["pod-template-hash"] = "5d8f7b" };
        foreach (var (key, value) in pod.Labels)
        {
            labels[key] = value;
        }

        var workload = pod.Workload?.Name ?? pod.Name;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = pod.Name,
                ["namespace"] = pod.Namespace,
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "ReplicaSet",
                    ["name"] = $"{workload}-5d8f7b",
                    ["uid"] = Guid.NewGuid().ToString(),
                    ["controller"] = true,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["serviceAccountName"] = pod.ServiceAccount,
                ["initContainers"] = pod.HasProxy ? new JsonArray(new JsonObject { ["name"] = "smi-proxy", ["image"] = "ghcr.io/smi-operator/proxy:0.1.0", ["restartPolicy"] = "Always" }) : new JsonArray(),
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "app",
                    ["image"] = "ghcr.io/smi-operator/echo:0.1.0",
                    ["ports"] = new JsonArray([.. pod.ContainerPorts.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["containerPort"] = p.Port, ["protocol"] = p.Protocol })]),
                }),
            },
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["podIP"] = pod.Ip,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = pod.Ready ? "True" : "False" }),
            },
        };
    }

    public static JsonObject Slice(EndpointSliceInfo slice) => new()
    {
        ["apiVersion"] = "discovery.k8s.io/v1",
        ["kind"] = "EndpointSlice",
        ["metadata"] = new JsonObject
        {
            ["name"] = slice.Name,
            ["namespace"] = slice.Namespace,
            ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = slice.ServiceName },
        },
        ["addressType"] = "IPv4",
        ["ports"] = new JsonArray([.. slice.Ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name ?? string.Empty, ["port"] = p.Port, ["protocol"] = p.Protocol })]),
        ["endpoints"] = new JsonArray([.. slice.Endpoints.Select(e => (JsonNode)new JsonObject
        {
            ["addresses"] = new JsonArray([.. e.Addresses.Select(a => (JsonNode)JsonValue.Create(a)!)]),
            ["conditions"] = new JsonObject { ["ready"] = e.Ready ?? true },
            ["targetRef"] = e.PodName is null ? null : new JsonObject { ["kind"] = "Pod", ["name"] = e.PodName, ["namespace"] = slice.Namespace },
        })]),
    };
}
