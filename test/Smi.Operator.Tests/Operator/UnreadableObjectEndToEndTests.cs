using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Operator.Tests.Operator;

/// <summary>
/// An SMI object the operator cannot read — stored without passing admission or schema validation
/// (seeded straight into the fake's storage, as an object written before the CRDs' schemas or the
/// webhook were installed would be) — is reported in the log, as a Warning Event, on the object's
/// status where the API server lets it carry one, and in metrics; the rest of the mesh compiles as
/// if it were not there.
/// </summary>
public sealed class UnreadableObjectEndToEndTests
{
    private const string Group = "split.smi-spec.io";
    private static readonly string Canary = Path.Combine(RepoPaths.Samples, "canary", "canary.yaml");

    [Fact]
    public async Task StoredSplitWithAWeightThatIsNotANumber_InvalidObjectConditionEventLogAndMetric_RestOfTheMeshCompiles()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var app = await StartWithUnreadableSplitAsync(fixture);

        // Accepted=False with the reason and the field, on the object itself.
        var condition = await fixture.Eventually(() => Accepted(fixture), "the Accepted condition on the unreadable split");
        Assert.Equal(("False", "InvalidObject"), (condition["status"]!.GetValue<string>(), condition["reason"]!.GetValue<string>()));
        var message = condition["message"]!.GetValue<string>();
        Assert.Contains("spec.backends[0].weight", message, StringComparison.Ordinal);
        Assert.Contains("\"ten\"", message, StringComparison.Ordinal);
        Assert.Contains("kubectl -n demo edit trafficsplit unreadable", message, StringComparison.Ordinal);

        // A Warning Event, as `kubectl describe` shows it, saying what to fix.
        var @event = await fixture.Eventually(() => InvalidObjectEvents(fixture).FirstOrDefault(), "the Warning Event on the unreadable split");
        Assert.Equal(("Warning", "TrafficSplit"), (@event["type"]!.GetValue<string>(), @event["involvedObject"]!["kind"]!.GetValue<string>()));
        Assert.Contains("spec.backends[0].weight", @event["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var describe = await fixture.KubectlOk("-n demo describe trafficsplit unreadable");
        Assert.Contains("InvalidObject", describe.StandardOutput, StringComparison.Ordinal);

        // The rest of the mesh: the canary's own split still shapes the client's traffic.
        var config = await fixture.Eventually(() => Config(fixture) is { } c && Shares(c) == "web-v1.demo=9 web-v2.demo=1" ? c : null, "the client's ConfigMap with the 90/10 split");
        Assert.Equal("demo/web-v2:80", config.Outbound.Services.Single(s => s.Name == "web-v2").Ports.Single().Routes.Single().Backends.Single().Cluster);

        // Reported once although more reconciles ran (the status write itself made a new resourceVersion).
        await OperatorNudge.ReconcileAsync(fixture, app);
        Assert.Equal(1, fixture.Measurements(app).Sum("smi_operator_decode_failures", "kind=TrafficSplit"));
        var line = Assert.Single(UnreadableLogLines(fixture));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("TrafficSplit demo/unreadable", line.Message, StringComparison.Ordinal);
        Assert.Contains("spec.backends[0].weight", line.Message, StringComparison.Ordinal);
        Assert.Single(InvalidObjectEvents(fixture));

        // Fixed, it is read again: no longer InvalidObject, and nothing more is reported.
        fixture.Api.Seed(Split("1"));
        await fixture.Eventually(() => Accepted(fixture)?["reason"]?.GetValue<string>() is { } reason && reason != "InvalidObject" ? reason : null, "the fixed split's new condition");
        Assert.Equal(1, fixture.Measurements(app).Sum("smi_operator_decode_failures", "kind=TrafficSplit"));
        Assert.Single(UnreadableLogLines(fixture));
        Assert.Equal(0, fixture.Measurements(app).Sum("smi_operator_reconcile", "result=error"));
        fixture.Api.AssertNoUnhandledRequests();
    }

    [Fact]
    public async Task StoredSplitWithAWeightThatIsNotANumber_ApiServerWithoutRatcheting_EventLogAndMetricStatusTriedOnce()
    {
        await using var fixture = await OperatorFixture.StartAsync(validationRatcheting: false);
        var app = await StartWithUnreadableSplitAsync(fixture);

        // The API server refuses any write to the object, its status too: the Event and the log still tell.
        await fixture.Eventually(() => InvalidObjectEvents(fixture).FirstOrDefault(), "the Warning Event on the unreadable split");
        await fixture.Eventually(() => Config(fixture) is { } c && Shares(c) == "web-v1.demo=9 web-v2.demo=1" ? c : null, "the client's ConfigMap with the 90/10 split");
        await OperatorNudge.ReconcileAsync(fixture, app);
        await OperatorNudge.ReconcileAsync(fixture, app);

        Assert.Null(Accepted(fixture));
        var refused = Assert.Single(fixture.Api.Requests, r => r.Verb == "patch" && r.Path.EndsWith("/trafficsplits/unreadable/status", StringComparison.Ordinal));
        Assert.Equal(422, refused.StatusCode);
        var line = Assert.Single(fixture.Logs.Lines, l => l.Message.Contains("refused the status of TrafficSplit demo/unreadable", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("spec.backends[0].weight", line.Message, StringComparison.Ordinal);
        Assert.Single(UnreadableLogLines(fixture));
        Assert.Equal(1, fixture.Measurements(app).Sum("smi_operator_decode_failures", "kind=TrafficSplit"));

        // Not the operator's fault, so no reconcile failed over it; fixed, the object gets its status.
        Assert.Equal(0, fixture.Measurements(app).Sum("smi_operator_reconcile", "result=error"));
        fixture.Api.Seed(Split("1"));
        await fixture.Eventually(() => Accepted(fixture)?["reason"]?.GetValue<string>() is { } reason && reason != "InvalidObject" ? reason : null, "the fixed split's condition");
        fixture.Api.AssertNoUnhandledRequests();
    }

    /// <summary>The canary sample through kubectl, then a split kubectl could not have stored.</summary>
    private static async Task<WebApplication> StartWithUnreadableSplitAsync(OperatorFixture fixture)
    {
        var app = await fixture.StartOperatorAsync();
        await fixture.KubectlOk($"apply -f {Canary}");
        ClusterSeed.SeedWorkloads(fixture.Api, Canary);
        fixture.Api.Seed(Split("ten"));
        return app;
    }

    private static JsonNode? Accepted(OperatorFixture fixture) =>
        fixture.Api.Get(Group, "v1alpha4", "trafficsplits", "demo", "unreadable")?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Accepted");

    private static List<JsonObject> InvalidObjectEvents(OperatorFixture fixture) =>
        [.. fixture.Api.List(string.Empty, "v1", "events", "demo").Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == "unreadable" && e["reason"]?.GetValue<string>() == "InvalidObject")];

    private static IEnumerable<(LogLevel Level, string Category, string Message)> UnreadableLogLines(OperatorFixture fixture) =>
        fixture.Logs.Lines.Where(l => l.Message.StartsWith("Cannot read TrafficSplit demo/unreadable", StringComparison.Ordinal));

    private static JsonObject Split(string weight) => new()
    {
        ["apiVersion"] = $"{Group}/v1alpha4",
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
