using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.Crds;
using Smi.Testing.FakeKubeApi;
using Smi.Testing.Tests.FakeKubeApi;

namespace Smi.Testing.Tests.Crds;

/// <summary>
/// CRD validation ratcheting, as a 1.30+ API server does it: an object that fails its schema (stored
/// before the schema, or with validation bypassed) can still be updated where it is not broken —
/// its status above all — but not made invalid anew, nor changed where it is broken without being fixed.
/// </summary>
public sealed class ValidationRatchetingTests : IAsyncLifetime
{
    private const string Group = "split.smi-spec.io";
    private FakeKubeApiServer _server = null!;
    private Kubernetes _client = null!;

    public async ValueTask InitializeAsync()
    {
        using var deadline = Deadline.After();
        _server = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions { Validator = CrdSchemaHook.Validate }, deadline.Token);
        _client = _server.CreateClient();
        _server.Seed(File.ReadAllText(Path.Combine(RepoPaths.Root, "crds", "trafficsplits.split.smi-spec.io.yaml")));
        _server.Seed(Split("broken", JsonValue.Create("ten")));
        _server.Seed(Split("valid", JsonValue.Create(1)));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _server.AssertNoUnhandledRequests();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task StatusApply_ObjectInvalidWhereTheUpdateDoesNotTouch_Accepted()
    {
        using var deadline = Deadline.After();

        await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(StatusOf("broken").ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, "v1alpha4", "demo", "trafficsplits", "broken", fieldManager: "operator", force: true, cancellationToken: deadline.Token);

        Assert.Equal("InvalidObject", _server.Get(Group, "v1alpha4", "trafficsplits", "demo", "broken")!["status"]!["conditions"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task StatusApply_InvalidObjectWithoutRatcheting_Invalid422NamingTheObjectsField()
    {
        using var deadline = Deadline.After();
        await using var server = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions { Validator = CrdSchemaHook.ValidateWithoutRatcheting }, deadline.Token);
        using var client = server.CreateClient();
        server.Seed(File.ReadAllText(Path.Combine(RepoPaths.Root, "crds", "trafficsplits.split.smi-spec.io.yaml")));
        server.Seed(Split("broken", JsonValue.Create("ten")));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(StatusOf("broken").ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, "v1alpha4", "demo", "trafficsplits", "broken", fieldManager: "operator", force: true, cancellationToken: deadline.Token));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal("spec.backends[0].weight", Assert.Single(KubernetesJson.Deserialize<V1Status>(error.Response.Content).Details.Causes).Field);
        Assert.Null(server.Get(Group, "v1alpha4", "trafficsplits", "demo", "broken")!["status"]);
        server.AssertNoUnhandledRequests();
    }

    [Fact]
    public async Task SpecPatch_AnotherFieldOfAnInvalidObject_Accepted()
    {
        using var deadline = Deadline.After();

        await Patch("broken", new JsonObject { ["spec"] = new JsonObject { ["service"] = "web-apex" } }, deadline.Token);

        Assert.Equal("web-apex", _server.Get(Group, "v1alpha4", "trafficsplits", "demo", "broken")!["spec"]!["service"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("broken")]
    [InlineData("valid")]
    public async Task SpecPatch_InvalidValueWritten_Invalid422(string name)
    {
        using var deadline = Deadline.After();
        var backends = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = "eleven" });

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Patch(name, new JsonObject { ["spec"] = new JsonObject { ["backends"] = backends } }, deadline.Token));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal("spec.backends[0].weight", Assert.Single(KubernetesJson.Deserialize<V1Status>(error.Response.Content).Details.Causes).Field);
    }

    private Task<object> Patch(string name, JsonObject patch, CancellationToken cancellationToken) =>
        _client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), Group, "v1alpha4", "demo", "trafficsplits", name, cancellationToken: cancellationToken);

    private static JsonObject StatusOf(string name) => new()
    {
        ["apiVersion"] = $"{Group}/v1alpha4",
        ["kind"] = "TrafficSplit",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "demo" },
        ["status"] = new JsonObject { ["conditions"] = new JsonArray(Condition()) },
    };

    private static JsonObject Condition() => new()
    {
        ["type"] = "Accepted",
        ["status"] = "False",
        ["reason"] = "InvalidObject",
        ["message"] = "spec.backends[0].weight: expected a whole number",
        ["lastTransitionTime"] = "2025-03-01T12:00:00Z",
    };

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
