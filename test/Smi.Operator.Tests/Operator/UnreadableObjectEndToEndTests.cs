using System.Text;
using System.Text.Json.Nodes;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Operator.Tests.Operator;

/// <summary>
/// An SMI object the operator cannot read — stored without passing admission or schema validation
/// (seeded straight into the fake's storage, as an object written before the CRDs' schemas or the
/// webhook were installed would be) — is reported on the object and in metrics, and the rest of
/// the mesh compiles as if it were not there.
/// </summary>
public sealed class UnreadableObjectEndToEndTests
{
    private static readonly string Canary = Path.Combine(RepoPaths.Samples, "canary", "canary.yaml");

    [Fact]
    public async Task StoredSplitWithAWeightThatIsNotANumber_InvalidObjectConditionEventAndMetric_RestOfTheMeshCompiles()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var app = await fixture.StartOperatorAsync();
        await fixture.KubectlOk($"apply -f {Canary}");
        ClusterSeed.SeedWorkloads(fixture.Api, Canary);
        fixture.Api.Seed(Split("ten"));

        // Accepted=False with the reason and the field, on the object itself.
        var condition = await fixture.Eventually(() => fixture.Api.Get("split.smi-spec.io", "v1alpha4", "trafficsplits", "demo", "unreadable")?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Accepted"), "the Accepted condition on the unreadable split");
        Assert.Equal(("False", "InvalidObject"), (condition["status"]!.GetValue<string>(), condition["reason"]!.GetValue<string>()));
        var message = condition["message"]!.GetValue<string>();
        Assert.Contains("spec.backends[0].weight", message, StringComparison.Ordinal);
        Assert.Contains("\"ten\"", message, StringComparison.Ordinal);
        Assert.Contains("kubectl -n demo edit trafficsplit unreadable", message, StringComparison.Ordinal);

        // A Warning Event, as `kubectl describe` shows it.
        var @event = await fixture.Eventually(() => fixture.Api.List(string.Empty, "v1", "events", "demo").FirstOrDefault(e => e["involvedObject"]?["name"]?.GetValue<string>() == "unreadable"), "the Warning Event on the unreadable split");
        Assert.Equal(("Warning", "InvalidObject", "TrafficSplit"), (@event["type"]!.GetValue<string>(), @event["reason"]!.GetValue<string>(), @event["involvedObject"]!["kind"]!.GetValue<string>()));
        var describe = await fixture.KubectlOk("-n demo describe trafficsplit unreadable");
        Assert.Contains("InvalidObject", describe.StandardOutput, StringComparison.Ordinal);

        // Counted once per version of the object.
        Assert.Equal(1, await OperatorScrape.SumAsync(app, "smi_operator_decode_failures_total", "kind=\"TrafficSplit\""));

        // The rest of the mesh: the canary's own split still shapes the client's traffic.
        var config = await fixture.Eventually(() => Config(fixture) is { } c && Shares(c) == "web-v1.demo=9 web-v2.demo=1" ? c : null, "the client's ConfigMap with the 90/10 split");
        var v2 = config.Outbound.Services.Single(s => s.Name == "web-v2").Ports.Single().Routes.Single();
        Assert.Equal("demo/web-v2:80", v2.Backends.Single().Cluster);

        // Fixed, it is read again: a new version, no longer InvalidObject.
        fixture.Api.Seed(Split("1"));
        await fixture.Eventually(() => fixture.Api.Get("split.smi-spec.io", "v1alpha4", "trafficsplits", "demo", "unreadable")?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Accepted")?["reason"]?.GetValue<string>() is { } reason && reason != "InvalidObject" ? reason : null, "the fixed split's new condition");
        Assert.Equal(1, await OperatorScrape.SumAsync(app, "smi_operator_decode_failures_total", "kind=\"TrafficSplit\""));
        fixture.Api.AssertNoUnhandledRequests();
    }

    private static JsonObject Split(string weight) => new()
    {
        ["apiVersion"] = "split.smi-spec.io/v1alpha4",
        ["kind"] = "TrafficSplit",
        ["metadata"] = new JsonObject { ["name"] = "unreadable", ["namespace"] = "demo" },
        ["spec"] = new JsonObject
        {
            ["service"] = "web-v2",
            ["backends"] = new JsonArray(new JsonObject
            {
                ["service"] = "web-v1",
                ["weight"] = weight == "1" ? JsonValue.Create(1) : JsonValue.Create(weight),
            }),
        },
    };

    private static MeshProxyConfig? Config(OperatorFixture fixture) =>
        fixture.Api.Get(string.Empty, "v1", "configmaps", "demo", "smi-proxy-client")?["data"]?["config.json"]?.GetValue<string>() is { } json
            ? ProxyConfigSerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out _)
            : null;

    private static string Shares(MeshProxyConfig config) =>
        config.Outbound.Services.FirstOrDefault(s => s.Name == "web") is { } web
            ? string.Join(" ", web.Ports[0].Routes[0].Backends.Select(b => $"{b.Service}={b.Weight}"))
            : string.Empty;
}
