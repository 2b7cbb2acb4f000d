using System.Diagnostics;
using System.Text;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Operator.Tests.Operator;

/// <summary>The operator against the fake API server, driven by the real kubectl, as a user would.</summary>
public sealed class OperatorEndToEndTests
{
    private static readonly string Canary = Path.Combine(RepoPaths.Samples, "canary", "canary.yaml");

    [Fact]
    public async Task KubectlApply_Canary_ConfigMapWrittenWithinASecond_ThenReweighted_ThenSplitDeleted()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.StartOperatorAsync();

        var applied = Stopwatch.StartNew();
        await fixture.KubectlOk($"apply -f {Canary}");
        ClusterSeed.SeedWorkloads(fixture.Api, Canary);
        var config = await fixture.Eventually(() => Config(fixture, "demo", "client") is { } c && Shares(c) == "web-v1.demo=9 web-v2.demo=1" ? c : null, "the client's ConfigMap with the 90/10 split");
        applied.Stop();
        Assert.True(applied.Elapsed < TimeSpan.FromSeconds(1.5), $"ConfigMap written {applied.ElapsedMilliseconds} ms after kubectl apply returned");

        // Status conditions, as `kubectl get ts -o yaml` shows them.
        var status = await fixture.Eventually(async () => (await fixture.KubectlOk("-n demo get ts web -o yaml")).StandardOutput is var yaml && yaml.Contains("type: Accepted", StringComparison.Ordinal) ? yaml : null, "status conditions on the TrafficSplit");
        Assert.Contains("reason: Accepted", status, StringComparison.Ordinal);
        Assert.Contains("type: ResolvedRefs", status, StringComparison.Ordinal);

        // A new weight through kubectl apply: a new revision.
        var reweighted = fixture.Kubectl.WriteFile("canary-50.yaml", File.ReadAllText(Canary).Replace("weight: 90", "weight: 50", StringComparison.Ordinal).Replace("weight: 10", "weight: 50", StringComparison.Ordinal));
        await fixture.KubectlOk($"apply -f {reweighted}");
        var after = await fixture.Eventually(() => Config(fixture, "demo", "client") is { } c && c.Revision != config.Revision ? c : null, "a new revision after the new weights");
        Assert.Equal("web-v1.demo=1 web-v2.demo=1", Shares(after));

        // Deleting the split: traffic falls back to the root Service's own endpoints.
        await fixture.KubectlOk("-n demo delete trafficsplit web");
        var root = await fixture.Eventually(() => Config(fixture, "demo", "client") is { } c && Route(c).Name == "default" ? c : null, "the default route after the split is deleted");
        Assert.Equal("demo/web:80", Route(root).Backends.Single().Cluster);
        fixture.Api.AssertNoUnhandledRequests();
    }

    [Fact]
    public async Task KubectlApply_InvalidSplit_DeniedByTheValidatingWebhookWithThePathAndTheFix()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.StartOperatorAsync();
        await fixture.KubectlOk($"apply -f {fixture.Kubectl.WriteFile("demo.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n")}");
        await fixture.Eventually(() => fixture.Api.Get("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", null, "smi-operator")?["webhooks"]?[0]?["clientConfig"]?["caBundle"] is not null ? "ok" : null, "the caBundle patched into the webhook configuration");
        var file = fixture.Kubectl.WriteFile("bad.yaml", """
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: bad, namespace: demo}
            spec:
              service: web
              backends:
              - {service: web-v1, weight: 0}
              - {service: web-v2, weight: 0}
            """);

        var result = await fixture.Kubectl.RunAsync($"apply -f {file}", OperatorFixture.Timeout);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("admission webhook \"validate.smi-operator.io\" denied the request", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.backends: the weights add up to 0", result.StandardError, StringComparison.Ordinal);
    }

    private static MeshProxyConfig? Config(OperatorFixture fixture, string ns, string serviceAccount)
    {
        var configMap = fixture.Api.Get(string.Empty, "v1", "configmaps", ns, $"smi-proxy-{serviceAccount}");
        if (configMap?["data"]?["config.json"]?.GetValue<string>() is not { } json)
        {
            return null;
        }

        return ProxyConfigSerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out _);
    }

    private static OutboundRoute Route(MeshProxyConfig config) =>
        config.Outbound.Services.Single(s => s.Name == "web").Ports.Single().Routes.Single();

    private static string Shares(MeshProxyConfig config) =>
        config.Outbound.Services.FirstOrDefault(s => s.Name == "web") is { } web
            ? string.Join(" ", web.Ports[0].Routes[0].Backends.Select(b => $"{b.Service}={b.Weight}"))
            : string.Empty;
}
