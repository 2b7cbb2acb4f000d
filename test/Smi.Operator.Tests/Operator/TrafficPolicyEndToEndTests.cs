using System.Text;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Operator.Tests.Operator;

/// <summary>TrafficPolicies through the operator, the fake API server and the real kubectl.</summary>
public sealed class TrafficPolicyEndToEndTests
{
    private static readonly string Sample = Path.Combine(RepoPaths.Samples, "traffic-policy", "traffic-policy.yaml");

    [Fact]
    public async Task KubectlApply_TrafficPolicySample_PoliciesInConfigsAndStatusOnThePolicy()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.StartOperatorAsync();

        await fixture.KubectlOk($"apply -f {Sample}");
        ClusterSeed.SeedWorkloads(fixture.Api, Sample);

        var client = await fixture.Eventually(() => Config(fixture, "demo", "client") is { } c && WebPort(c)?.Policies.Length == 2 ? c : null, "the client's config with web's policies");
        Assert.Equal("demo/web-shadow:80", WebPort(client)!.Policies[1].Mirror!.Cluster);
        Assert.Equal("LeastRequests", client.Outbound.Clusters.Single(c => c.Id == "demo/web:80").Resilience!.LoadBalancing);
        var web = await fixture.Eventually(() => Config(fixture, "demo", "web") is { } c && c.Inbound.Services.Any(s => !s.Policies.IsEmpty) ? c : null, "web's config with its rate limits");
        Assert.Equal(["demo/web#0", "demo/web#1"], web.Inbound.Services.Single(s => s.Name == "web").Policies.Single().RateLimits.Select(r => r.Id));

        // Status conditions, as `kubectl get tp -o yaml` shows them.
        var status = await fixture.Eventually(async () => (await fixture.KubectlOk("-n demo get tp web -o yaml")).StandardOutput is var yaml && yaml.Contains("type: Accepted", StringComparison.Ordinal) ? yaml : null, "status conditions on the TrafficPolicy");
        Assert.Contains("reason: Accepted", status, StringComparison.Ordinal);
        Assert.Contains("type: ResolvedRefs", status, StringComparison.Ordinal);
        fixture.Api.AssertNoUnhandledRequests();
    }

    private static OutboundPort? WebPort(MeshProxyConfig config) =>
        config.Outbound.Services.FirstOrDefault(s => s.Name == "web" && s.Namespace == "demo")?.Ports.Single(p => p.Port == 80);

    private static MeshProxyConfig? Config(OperatorFixture fixture, string ns, string serviceAccount) =>
        fixture.Api.Get(string.Empty, "v1", "configmaps", ns, $"smi-proxy-{serviceAccount}")?["data"]?["config.json"]?.GetValue<string>() is { } json
            ? ProxyConfigSerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out _)
            : null;
}
