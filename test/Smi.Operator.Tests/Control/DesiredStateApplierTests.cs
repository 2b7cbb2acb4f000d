using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging;
using Smi.Core.Diagnostics;
using Smi.Operator.Control;
using Smi.Operator.Kubernetes;
using Smi.Operator.Tests.Operator;
using Smi.Testing;
using Smi.Testing.Crds;
using Smi.Testing.FakeKubeApi;

namespace Smi.Operator.Tests.Control;

/// <summary>
/// How the applier treats a status the API server refuses, against the fake API server validating
/// as one without CRD validation ratcheting (before 1.30): refused for the object's own fields, it
/// is the user's to fix and not retried until the object changes; refused for the status the
/// operator built, it is the operator's bug and fails the reconcile.
/// </summary>
public sealed class DesiredStateApplierTests : IAsyncLifetime
{
    private const string Group = "split.smi-spec.io";
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CapturingLoggerProvider _logs = new();
    private FakeKubeApiServer _server = null!;
    private k8s.Kubernetes _client = null!;
    private ILoggerFactory _logging = null!;
    private DesiredStateApplier _applier = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions { Validator = CrdSchemaHook.ValidateWithoutRatcheting }).WaitAsync(OperatorFixture.Timeout);
        _client = _server.CreateClient();
        _server.Seed(File.ReadAllText(Path.Combine(RepoPaths.Root, "crds", "trafficsplits.split.smi-spec.io.yaml")));
        _server.Seed(Split("broken", JsonValue.Create("ten")));
        _server.Seed(Split("valid", JsonValue.Create(1)));
        _logging = LoggerFactory.Create(b => b.AddProvider(_logs));
        _applier = new DesiredStateApplier(new OwnedObjectWriter(_client), _logging.CreateLogger<DesiredStateApplier>());
    }

    public async ValueTask DisposeAsync()
    {
        _logging.Dispose();
        _client.Dispose();
        _server.AssertNoUnhandledRequests();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ApplyAsync_StatusRefusedForTheObjectsOwnFields_NotRejectedAndNotSentAgainUntilTheObjectChanges()
    {
        var plan = new DesiredState { Statuses = [Status("broken", "InvalidObject")] };

        var first = await _applier.ApplyAsync(plan, CancellationToken.None).WaitAsync(OperatorFixture.Timeout);
        var second = await _applier.ApplyAsync(plan, CancellationToken.None).WaitAsync(OperatorFixture.Timeout);

        Assert.Equal((0, 0), (first.Statuses, second.Statuses));
        Assert.Empty(first.Rejected);
        Assert.Empty(second.Rejected);
        Assert.Equal(1, StatusWrites("broken"));
        var line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("spec.backends[0].weight", line.Message, StringComparison.Ordinal);

        // Edited (still broken): a new resourceVersion is tried again.
        var edited = _server.Get(Group, "v1alpha4", "trafficsplits", "demo", "broken")!;
        edited["metadata"]!["labels"] = new JsonObject { ["edited"] = "yes" };
        _server.Seed(edited);
        await _applier.ApplyAsync(new DesiredState { Statuses = [Status("broken", "InvalidObject")] }, CancellationToken.None).WaitAsync(OperatorFixture.Timeout);

        Assert.Equal(2, StatusWrites("broken"));
    }

    [Fact]
    public async Task ApplyAsync_StatusRefusedForItsOwnFields_RejectedSoTheReconcileFails()
    {
        // A reason with a space: the CRDs' condition schema (metav1.Condition's pattern) refuses it.
        var plan = new DesiredState { Statuses = [Status("valid", "Not Camel Case")] };

        var applied = await _applier.ApplyAsync(plan, CancellationToken.None).WaitAsync(OperatorFixture.Timeout);

        Assert.Equal("TrafficSplit status demo/valid", Assert.Single(applied.Rejected));
        Assert.Equal(LogLevel.Error, Assert.Single(_logs.Lines).Level);
        Assert.Null(_server.Get(Group, "v1alpha4", "trafficsplits", "demo", "valid")!["status"]);
    }

    [Fact]
    public async Task ApplyAsync_ValidStatus_WrittenUnderTheOperatorsFieldManager()
    {
        var applied = await _applier.ApplyAsync(new DesiredState { Statuses = [Status("valid", "Accepted")] }, CancellationToken.None).WaitAsync(OperatorFixture.Timeout);

        Assert.Equal(1, applied.Statuses);
        var stored = _server.Get(Group, "v1alpha4", "trafficsplits", "demo", "valid")!;
        Assert.Equal("Accepted", stored["status"]!["conditions"]![0]!["reason"]!.GetValue<string>());
        Assert.Contains(stored["metadata"]!["managedFields"]!.AsArray(), m => m!["manager"]!.GetValue<string>() == OwnedObjects.FieldManager && m["subresource"]?.GetValue<string>() == "status");
    }

    private int StatusWrites(string name) =>
        _server.Requests.Count(r => r.Verb == "patch" && r.Path.EndsWith($"/trafficsplits/{name}/status", StringComparison.Ordinal));

    /// <summary>What the planner would apply to the stored object for an Accepted condition with <paramref name="reason"/>.</summary>
    private StatusApply Status(string name, string reason)
    {
        var current = KubernetesJson.Deserialize<UnstructuredObject>(_server.Get(Group, "v1alpha4", "trafficsplits", "demo", name)!.ToJsonString());
        var status = new ObjectStatus(new ObjectRef("TrafficSplit", "demo", name, 1), [new Condition(ConditionTypes.Accepted, false, reason, "a message")]);
        return SmiStatuses.Desired(status, current, SmiResources.ForKind("TrafficSplit"), Now)!;
    }

    private static JsonObject Split(string name, JsonNode? weight) => new()
    {
        ["apiVersion"] = $"{Group}/v1alpha4",
        ["kind"] = "TrafficSplit",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "demo" },
        ["spec"] = new JsonObject
        {
            ["service"] = "web",
            ["backends"] = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = weight }),
        },
    };
}
