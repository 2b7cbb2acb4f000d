using System.Text;
using System.Text.Json.Nodes;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Operator.Kubernetes;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Operator.Tests.Operator;

/// <summary>
/// Whatever the API server does to the operator — dropped watches, 410 Gone, a restart, write
/// conflicts, a burst of events — the ConfigMaps end up exactly what a fresh compile of the
/// cluster's state gives, and nothing is lost.
/// </summary>
public sealed class OperatorFaultTests
{
    private static readonly string Canary = Path.Combine(RepoPaths.Samples, "canary", "canary.yaml");

    [Fact]
    public async Task Faults_DroppedWatchesGoneRestartAndConflicts_ConvergeToAFreshCompile()
    {
        await using var fixture = await OperatorFixture.StartAsync(webhooks: false);
        await fixture.StartOperatorAsync();
        await fixture.KubectlOk($"apply -f {Canary}");
        ClusterSeed.SeedWorkloads(fixture.Api, Canary);
        await Converged(fixture);

        fixture.Api.DropWatches();
        await Reweight(fixture, 70, 30);
        await Converged(fixture);

        fixture.Api.Compact(); // the operator's next watch resumes from a version that is gone: 410, relist
        fixture.Api.DropWatches();
        await Reweight(fixture, 60, 40);
        await Converged(fixture);

        await fixture.Api.RestartAsync();
        await Reweight(fixture, 50, 50);
        await Converged(fixture);

        fixture.Api.FailNext("PUT", "/api/v1/namespaces/demo/configmaps", 409);
        fixture.Api.FailNext("PUT", "/api/v1/namespaces/demo/configmaps", 409);
        await Reweight(fixture, 40, 60);
        await Converged(fixture);
    }

    [Fact]
    public async Task Burst_1000PodEvents_ConvergeToAFreshCompile()
    {
        await using var fixture = await OperatorFixture.StartAsync(webhooks: false);
        await fixture.StartOperatorAsync();
        await fixture.KubectlOk($"apply -f {Canary}");
        ClusterSeed.SeedWorkloads(fixture.Api, Canary);
        await Converged(fixture);

        // 1000 writes: pods flapping readiness and new pods appearing, as fast as the store takes them.
        for (var i = 0; i < 500; i++)
        {
            var pod = fixture.Api.Get(string.Empty, "v1", "pods", "demo", "web-v1-0")!;
            pod["status"]!["conditions"]![0]!["status"] = i % 2 == 0 ? "False" : "True";
            pod["metadata"]!["annotations"] = new JsonObject { ["flap"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            fixture.Api.Seed(pod);
            var slice = fixture.Api.Get("discovery.k8s.io", "v1", "endpointslices", "demo", "web-v1")!;
            slice["endpoints"]![0]!["conditions"]!["ready"] = i % 2 == 1;
            fixture.Api.Seed(slice);
        }

        await Converged(fixture);
    }

    /// <summary>Waits until every proxy ConfigMap equals what a fresh compile of the store's current state gives.</summary>
    private static async Task Converged(OperatorFixture fixture)
    {
        await fixture.Eventually(() =>
        {
            var expected = FreshCompile(fixture);
            foreach (var (identity, config) in expected.Configs)
            {
                var configMap = fixture.Api.Get(string.Empty, "v1", "configmaps", identity.Namespace, ProxyConfigMaps.NameFor(identity.ServiceAccount));
                if (configMap?["metadata"]?["annotations"]?[ProxyConfigMaps.RevisionAnnotation]?.GetValue<string>() != config.Revision)
                {
                    return null;
                }

                var json = configMap["data"]?["config.json"]?.GetValue<string>();
                if (json is null || ProxyConfigSerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out _)?.Revision != config.Revision)
                {
                    return null;
                }
            }

            var stale = fixture.Api.List(string.Empty, "v1", "configmaps")
                .Where(c => c["metadata"]?["labels"]?[ProxyConfigMaps.ProxyConfigLabel] is not null)
                .Count(c => !expected.Configs.Keys.Any(i => i.Namespace == c["metadata"]!["namespace"]!.GetValue<string>() && ProxyConfigMaps.NameFor(i.ServiceAccount) == c["metadata"]!["name"]!.GetValue<string>()));
            return stale == 0 ? "converged" : null;
        }, "ConfigMaps equal to a fresh compile");
    }

    /// <summary>A compile of the fake's current objects, read the way the operator reads them.</summary>
    private static CompileResult FreshCompile(OperatorFixture fixture)
    {
        using var client = fixture.Api.CreateClient();
        var state = new ClusterState(client, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, SmiDecoder.Decode);
        Task.WhenAll(state.All.Select(i => i.ListOnceAsync(CancellationToken.None))).Wait(OperatorFixture.Timeout);
        return MeshCompiler.Compile(state.Snapshot(new MeshOptions()));
    }

    private static async Task Reweight(OperatorFixture fixture, int v1, int v2)
    {
        var file = fixture.Kubectl.WriteFile($"canary-{v1}.yaml", File.ReadAllText(Canary)
            .Replace("weight: 90", $"weight: {v1}", StringComparison.Ordinal)
            .Replace("weight: 10", $"weight: {v2}", StringComparison.Ordinal));
        await fixture.KubectlOk($"apply -f {file}");
    }
}
