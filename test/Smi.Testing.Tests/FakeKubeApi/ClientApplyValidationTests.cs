using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.FakeKubeApi;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>
/// What the real API server refuses in a server-side apply, and the status subresource through
/// apply: the mistakes an operator moving from replace to apply makes first.
/// </summary>
public sealed class ClientApplyValidationTests : IAsyncLifetime
{
    private FakeKubeApiServer _server = null!;
    private Kubernetes _client = null!;

    public async ValueTask InitializeAsync()
    {
        using var deadline = Deadline.After();
        _server = await FakeKubeApiServer.StartAsync(cancellationToken: deadline.Token);
        _client = _server.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _server.AssertNoUnhandledRequests();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ServerSideApply_NoApiVersionInConfig_BadRequest400()
    {
        using var deadline = Deadline.After();
        var config = new JsonObject { ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "default" } };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(config.ToJsonString(), V1Patch.PatchType.ApplyPatch), "c", "default", fieldManager: "m", cancellationToken: deadline.Token));

        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal((400, "Incorrect version specified in apply patch. Specified patch version: , expected: v1"), (status.Code, status.Message));
        Assert.Null(_server.Get(string.Empty, "v1", "configmaps", "default", "c"));
    }

    [Fact]
    public async Task ServerSideApply_ManagedFieldsInConfig_BadRequest400()
    {
        using var deadline = Deadline.After();
        var config = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "default", ManagedFields = [new V1ManagedFieldsEntry { Manager = "m", Operation = "Apply" }] },
        };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(config, V1Patch.PatchType.ApplyPatch), "c", "default", fieldManager: "m", cancellationToken: deadline.Token));

        Assert.Equal((HttpStatusCode.BadRequest, "metadata.managedFields must be nil"), (error.Response.StatusCode, KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message));
    }

    [Theory]
    [InlineData("ends-with-a-dash-")]
    [InlineData("a-value-that-is-longer-than-the-sixty-three-characters-a-label-may-hold")]
    public async Task ServerSideApply_InvalidLabelValue_Invalid422OnCreateAndOnUpdate(string value)
    {
        using var deadline = Deadline.After();
        var bad = Labelled(value);
        var good = Labelled("valid");

        var created = await Assert.ThrowsAsync<HttpOperationException>(() => Apply(bad, deadline.Token));
        await Apply(good, deadline.Token);
        var updated = await Assert.ThrowsAsync<HttpOperationException>(() => Apply(bad, deadline.Token));

        foreach (var error in new[] { created, updated })
        {
            var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
            Assert.Equal((422, "metadata.labels"), (status.Code, Assert.Single(status.Details.Causes).Field));
        }

        Assert.Equal("valid", _server.Get(string.Empty, "v1", "configmaps", "default", "labelled")!["metadata"]!["labels"]!["team"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerSideApply_StatusSubresource_SetsStatusOnlyOwnedAsStatus()
    {
        using var deadline = Deadline.After();
        _server.Seed(TestManifests.Crd);
        _server.Seed(TestManifests.Workloads);
        _server.Seed(TestManifests.Split(90, 10));
        var status = new JsonObject
        {
            ["apiVersion"] = $"{TestManifests.Group}/v1alpha4",
            ["kind"] = "TrafficSplit",
            ["metadata"] = new JsonObject { ["name"] = "web-split", ["namespace"] = "shop" },
            ["spec"] = new JsonObject { ["service"] = "ignored-through-status" },
            ["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Accepted", ["status"] = "True" }) },
        };

        await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(status.ToJsonString(), V1Patch.PatchType.ApplyPatch), TestManifests.Group, "v1alpha4", "shop", "trafficsplits", "web-split", fieldManager: "operator", force: true, cancellationToken: deadline.Token);

        var stored = _server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "web-split")!;
        Assert.Equal("True", stored["status"]!["conditions"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(("web", "1"), (stored["spec"]!["service"]!.GetValue<string>(), stored["metadata"]!["generation"]!.ToJsonString()));
        var entry = stored["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "operator")!;
        Assert.Equal(("Apply", "status"), (entry["operation"]!.GetValue<string>(), entry["subresource"]!.GetValue<string>()));
    }

    private static V1ConfigMap Labelled(string label) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "labelled", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["team"] = label } },
    };

    private Task<V1ConfigMap> Apply(V1ConfigMap configMap, CancellationToken cancellationToken) =>
        _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(configMap, V1Patch.PatchType.ApplyPatch), "labelled", "default", fieldManager: "operator", force: true, cancellationToken: cancellationToken);
}
