using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.FakeKubeApi;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Custom resources served from a CRD: discovery, versions and conversion, status, validation hook, CRD removal.</summary>
public sealed class CustomResourceTests : FakeKubeApiTest
{
    private const string Plural = "trafficsplits";
    private readonly List<string> _conversions = [];

    protected override ValueTask<FakeKubeApiOptions?> CreateOptionsAsync(CancellationToken cancellationToken)
    {
        var options = new FakeKubeApiOptions
        {
            // A toy conversion: v1alpha3 calls the root service "apex".
            Converter = (obj, desired) =>
            {
                lock (_conversions)
                {
                    _conversions.Add($"{obj["apiVersion"]}->{desired}");
                }

                var spec = obj["spec"]?.AsObject();
                if (desired.EndsWith("v1alpha3", StringComparison.Ordinal) && spec?["service"] is { } service)
                {
                    spec.Remove("service");
                    spec["apex"] = service.DeepClone();
                }
                else if (desired.EndsWith("v1alpha4", StringComparison.Ordinal) && spec?["apex"] is { } apex)
                {
                    spec.Remove("apex");
                    spec["service"] = apex.DeepClone();
                }

                obj["apiVersion"] = desired;
                return obj;
            },
            Validator = request => request.Object["spec"]?["backends"] is JsonArray { Count: > 0 } || request.Object["spec"] is null
                ? CustomResourceValidationResult.Valid(request.Object)
                : CustomResourceValidationResult.Invalid(new FieldError("spec.backends", $"Required value: at least one backend ({request.Version})")),
        };
        return ValueTask.FromResult<FakeKubeApiOptions?>(options);
    }

    protected override async ValueTask OnStartedAsync(CancellationToken cancellationToken)
    {
        Server.Seed(TestManifests.Workloads);
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(TestManifests.Crd), cancellationToken: cancellationToken);
    }

    [Fact]
    public async Task CreateCrd_EstablishedAndDiscoverable()
    {
        using var deadline = Deadline.After();

        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("trafficsplits.split.fake.test", cancellationToken: deadline.Token);
        var resources = await Client.GetAPIResourcesAsync(TestManifests.Group, "v1alpha4", deadline.Token);

        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        Assert.Equal(["v1alpha4"], crd.Status.StoredVersions);
        var resource = Assert.Single(resources.Resources, r => r.Name == Plural);
        Assert.Equal(["tsf"], resource.ShortNames);
        Assert.True(resource.Namespaced);
        Assert.Contains(resources.Resources, r => r.Name == Plural + "/status");
    }

    [Fact]
    public async Task CreateInStorageVersion_ReadInOtherVersion_ConvertedBothWays()
    {
        using var deadline = Deadline.After();
        await CreateSplitAsync("v1alpha4", "service", deadline.Token);

        var old = Parse(await Client.CustomObjects.GetNamespacedCustomObjectAsync(TestManifests.Group, "v1alpha3", "shop", Plural, "web-split", deadline.Token));
        await CreateSplitAsync("v1alpha3", "apex", deadline.Token, name: "legacy");

        Assert.Equal(("split.fake.test/v1alpha3", "web"), (old["apiVersion"]!.GetValue<string>(), old["spec"]!["apex"]!.GetValue<string>()));
        var stored = Server.List(TestManifests.Group, "v1alpha4", Plural, "shop");
        Assert.All(stored, s => Assert.Equal("web", s["spec"]!["service"]!.GetValue<string>()));
        Assert.Contains("split.fake.test/v1alpha3->split.fake.test/v1alpha4", _conversions);
    }

    [Fact]
    public async Task Create_ValidatorRejects_Invalid422WithCauses()
    {
        using var deadline = Deadline.After();
        var body = new JsonObject
        {
            ["apiVersion"] = "split.fake.test/v1alpha4",
            ["kind"] = "TrafficSplit",
            ["metadata"] = new JsonObject { ["name"] = "empty" },
            ["spec"] = new JsonObject { ["service"] = "web", ["backends"] = new JsonArray() },
        };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, TestManifests.Group, "v1alpha4", "shop", Plural, cancellationToken: deadline.Token));

        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal((422, "Invalid"), (status.Code, status.Reason));
        Assert.Equal("TrafficSplit.split.fake.test \"empty\" is invalid: spec.backends: Required value: at least one backend (v1alpha4)", status.Message);
        Assert.Equal("spec.backends", Assert.Single(status.Details.Causes).Field);
    }

    [Fact]
    public async Task StatusSubresource_CustomResource_StatusOnlyThroughStatus()
    {
        using var deadline = Deadline.After();
        await CreateSplitAsync("v1alpha4", "service", deadline.Token, status: true);
        Assert.Null(Server.Get(TestManifests.Group, "v1alpha4", Plural, "shop", "web-split")!["status"]);

        var conditions = new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Accepted", ["status"] = "True" }) } };
        var patched = Parse(await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(conditions.ToJsonString(), V1Patch.PatchType.MergePatch), TestManifests.Group, "v1alpha4", "shop", Plural, "web-split", cancellationToken: deadline.Token));

        Assert.Equal("Accepted", patched["status"]!["conditions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(1, patched["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Patch_StrategicOnCustomResource_UnsupportedMediaType415()
    {
        using var deadline = Deadline.After();
        await CreateSplitAsync("v1alpha4", "service", deadline.Token);
        var patch = new V1Patch("""{"spec":{"service":"other"}}""", V1Patch.PatchType.StrategicMergePatch);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, TestManifests.Group, "v1alpha4", "shop", Plural, "web-split", cancellationToken: deadline.Token));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, error.Response.StatusCode);
    }

    [Fact]
    public async Task Replace_CustomResourceWithoutResourceVersion_Invalid422()
    {
        using var deadline = Deadline.After();
        var created = Parse(await CreateSplitAsync("v1alpha4", "service", deadline.Token));
        created["metadata"]!.AsObject().Remove("resourceVersion");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(created, TestManifests.Group, "v1alpha4", "shop", Plural, "web-split", cancellationToken: deadline.Token));

        Assert.Equal((HttpStatusCode)422, error.Response.StatusCode);
    }

    [Fact]
    public async Task DeleteCrd_RemovesCustomResourcesAndStopsServing()
    {
        using var deadline = Deadline.After();
        await CreateSplitAsync("v1alpha4", "service", deadline.Token);

        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("trafficsplits.split.fake.test", cancellationToken: deadline.Token);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.ListNamespacedCustomObjectAsync(TestManifests.Group, "v1alpha4", "shop", Plural, cancellationToken: deadline.Token));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(TestManifests.Crd), cancellationToken: deadline.Token);
        Assert.Empty(Server.List(TestManifests.Group, "v1alpha4", Plural));
    }

    [Fact]
    public async Task CreateCrd_NameNotPluralDotGroup_Invalid422()
    {
        using var deadline = Deadline.After();
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(TestManifests.Crd.Replace("name: trafficsplits.split.fake.test", "name: wrong.split.fake.test", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: deadline.Token));

        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal(422, status.Code);
        Assert.Equal("metadata.name", Assert.Single(status.Details.Causes).Field);
    }

    private async Task<object> CreateSplitAsync(string version, string serviceField, CancellationToken cancellationToken, string name = "web-split", bool status = false)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = $"split.fake.test/{version}",
            ["kind"] = "TrafficSplit",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                [serviceField] = "web",
                ["backends"] = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = 100 }),
            },
        };
        if (status)
        {
            body["status"] = new JsonObject { ["ignored"] = true };
        }

        return await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, TestManifests.Group, version, "shop", Plural, cancellationToken: cancellationToken);
    }

    private static JsonObject Parse(object result) => JsonNode.Parse(((JsonElement)result).GetRawText())!.AsObject();
}
