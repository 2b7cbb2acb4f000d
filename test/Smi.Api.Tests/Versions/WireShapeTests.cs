using System.Text.Json.Nodes;
using Smi.Api.Conversion;
using Smi.Api.Model;
using Smi.Api.Tests.Conversion;
using Smi.Api.Versions.Common;

namespace Smi.Api.Tests.Versions;

/// <summary>The JSON each version writes is the shape its users and the API server speak.</summary>
public sealed class WireShapeTests
{
    [Theory]
    [InlineData("split.smi-spec.io/v1alpha1", SmiKinds.TrafficSplit, """{"spec":{"service":"web","backends":[{"service":"web-v1","weight":"1"},{"service":"web-v2","weight":"500m"}]}}""")]
    [InlineData("split.smi-spec.io/v1alpha4", SmiKinds.TrafficSplit, """{"spec":{"service":"web","backends":[{"service":"web-v1","weight":2},{"service":"web-v2","weight":1}]}}""")]
    [InlineData("access.smi-spec.io/v1alpha1", SmiKinds.TrafficTarget, """{"destination":{"kind":"ServiceAccount","name":"api","namespace":"shop","port":8080},"specs":[{"kind":"HTTPRouteGroup","name":"api-routes","matches":["metrics"]}],"sources":[{"kind":"ServiceAccount","name":"prometheus","namespace":"monitoring"}]}""")]
    [InlineData("access.smi-spec.io/v1alpha3", SmiKinds.TrafficTarget, """{"spec":{"destination":{"kind":"ServiceAccount","name":"api","namespace":"shop"},"rules":[{"kind":"HTTPRouteGroup","name":"api-routes","matches":["metrics"]}],"sources":[{"kind":"ServiceAccount","name":"prometheus","namespace":"monitoring"}]}}""")]
    [InlineData("specs.smi-spec.io/v1alpha2", SmiKinds.HttpRouteGroup, """{"matches":[{"name":"android-insiders","methods":["GET","HEAD"],"headers":[{"user-agent":".*Android.*"},{"cookie":"^(.*?;)?(type=insider)(;.*)?$"}]}]}""")]
    [InlineData("specs.smi-spec.io/v1alpha4", SmiKinds.HttpRouteGroup, """{"spec":{"matches":[{"name":"android-insiders","methods":["GET","HEAD"],"headers":[{"user-agent":".*Android.*"},{"cookie":"^(.*?;)?(type=insider)(;.*)?$"}]}]}}""")]
    [InlineData("specs.smi-spec.io/v1alpha3", SmiKinds.TcpRoute, """{"spec":{}}""")]
    [InlineData("specs.smi-spec.io/v1alpha4", SmiKinds.TcpRoute, """{"spec":{"matches":{"name":"mysql","ports":[3306,6446]}}}""")]
    public void Serialize_FromFixtureHub_VersionShape(string apiVersion, string kind, string expectedBody)
    {
        var source = Fixtures.All.Keys.First(k => k.Kind == kind && Source(k.ApiVersion, kind));
        var hub = Load.Hub<SmiObject>(Fixtures.Yaml(kind, source.ApiVersion));
        var version = SmiApiRegistry.Find(apiVersion, kind)!;

        var json = version.Serialize(version.FromHub(hub).Value!);

        Assert.Equal(apiVersion, json["apiVersion"]!.GetValue<string>());
        Assert.Equal(kind, json["kind"]!.GetValue<string>());
        json.Remove("apiVersion");
        json.Remove("kind");
        json.Remove("metadata");
        Assert.Equal(expectedBody, json.ToJsonString());
    }

    [Fact]
    public void Deserialize_Status_SharedConditionShape()
    {
        var version = SmiApiRegistry.Find("split.smi-spec.io/v1alpha4", SmiKinds.TrafficSplit)!;
        var node = JsonNode.Parse(Smi.Api.Manifests.YamlJsonReader.ReadAll(Fixtures.Yaml(SmiKinds.TrafficSplit, "split.smi-spec.io/v1alpha4", withStatus: true))[0].Root!.ToJsonString())!;

        var wire = version.Deserialize(node);

        var status = Assert.IsType<SmiStatus>(wire.Status);
        Assert.Equal(3, status.ObservedGeneration);
        var condition = Assert.Single(status.Conditions!);
        Assert.Equal(("Accepted", "True", "Valid", 3L), (condition.Type, condition.Status, condition.Reason, condition.ObservedGeneration!.Value));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 10, DateTimeKind.Utc), condition.LastTransitionTime.ToUniversalTime());
        Assert.Contains("\"lastTransitionTime\":\"2024-05-06T07:08:10", version.Serialize(wire).ToJsonString(), StringComparison.Ordinal);
    }

    // The fixture each expected body is derived from.
    private static bool Source(string apiVersion, string kind) => kind switch
    {
        SmiKinds.TrafficTarget => apiVersion == "access.smi-spec.io/v1alpha1",
        SmiKinds.HttpRouteGroup => apiVersion == "specs.smi-spec.io/v1alpha3",
        SmiKinds.TcpRoute => apiVersion == "specs.smi-spec.io/v1alpha4",
        _ => apiVersion == "split.smi-spec.io/v1alpha1",
    };
}
