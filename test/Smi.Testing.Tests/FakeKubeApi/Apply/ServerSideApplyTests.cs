using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Apply;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Yaml;

namespace Smi.Testing.Tests.FakeKubeApi.Apply;

public sealed class ServerSideApplyTests
{
    private static readonly DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A CRD whose backends list is a map keyed by service, as x-kubernetes-list-type declares it.
    private static readonly ResourceType _type = CrdReader.Read((JsonObject)YamlToJson.ReadAll("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: splits.x.test}
        spec:
          group: x.test
          scope: Namespaced
          names: {kind: Split, plural: splits}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      backends:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [service]
                        items:
                          type: object
                          properties:
                            service: {type: string}
                            weight: {type: integer}
        """)[0]!);

    [Fact]
    public void Merge_MapListFromTwoManagers_EachOwnsItsItems()
    {
        var live = Split("""{"backends":[]}""");
        var afterA = ServerSideApply.Merge(live, Split("""{"backends":[{"service":"a","weight":1}]}"""), "ma", false, null, _type, "v1", _now);
        var afterB = ServerSideApply.Merge(afterA, Split("""{"backends":[{"service":"b","weight":2}]}"""), "mb", false, null, _type, "v1", _now);

        Assert.Equal(["a", "b"], Services(afterB));
        var owners = ManagedFields.Read(afterB).ToDictionary(e => e.Manager, e => e.Fields);
        Assert.Contains("f:spec\nf:backends\nk:{\"service\":\"a\"}\nf:weight", owners["ma"]);
        Assert.Contains("f:spec\nf:backends\nk:{\"service\":\"b\"}\nf:weight", owners["mb"]);

        // A stops applying its backend: only A's item goes.
        var afterRemoval = ServerSideApply.Merge(afterB, Split("""{}"""), "ma", false, null, _type, "v1", _now);
        Assert.Equal(["b"], Services(afterRemoval));
    }

    [Fact]
    public void Merge_OtherManagersField_ConflictNamesFieldAndManager()
    {
        var live = ServerSideApply.Merge(Split("""{}"""), Split("""{"backends":[{"service":"a","weight":1}]}"""), "ma", false, null, _type, "v1", _now);

        var error = Assert.Throws<ApiException>(() => ServerSideApply.Merge(live, Split("""{"backends":[{"service":"a","weight":5}]}"""), "mb", false, null, _type, "v1", _now));

        Assert.Equal(409, error.Code);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"ma\" using x.test/v1: .spec.backends[service=\"a\"].weight", error.Message);
    }

    [Fact]
    public void Merge_SameConfigTwice_ReturnsLiveUnchanged()
    {
        var config = Split("""{"backends":[{"service":"a","weight":1}]}""");
        var once = ServerSideApply.Merge(Split("""{}"""), config, "ma", false, null, _type, "v1", _now);

        var twice = ServerSideApply.Merge(once, config, "ma", false, null, _type, "v1", _now.AddMinutes(1));

        Assert.Same(once, twice);
    }

    [Fact]
    public void FieldSet_EncodeDecode_RoundTrips()
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal)
        {
            "f:spec\nf:service",
            "f:spec\nf:backends\nk:{\"service\":\"a\"}",
            "f:spec\nf:backends\nk:{\"service\":\"a\"}\nf:weight",
            "f:metadata\nf:finalizers\nv:\"x\"",
        };

        var encoded = FieldSet.Encode(leaves);

        Assert.Equal("{}", encoded["f:spec"]!["f:backends"]!["k:{\"service\":\"a\"}"]!["."]!.ToJsonString());
        Assert.Equal(leaves.Order(StringComparer.Ordinal), FieldSet.Decode(encoded).Order(StringComparer.Ordinal));
    }

    private static JsonObject Split(string spec) => new()
    {
        ["apiVersion"] = "x.test/v1",
        ["kind"] = "Split",
        ["metadata"] = new JsonObject { ["name"] = "s", ["namespace"] = "default" },
        ["spec"] = JsonNode.Parse(spec),
    };

    private static List<string> Services(JsonObject obj) =>
        obj["spec"]?["backends"]?.AsArray().Select(b => b!["service"]!.GetValue<string>()).ToList() ?? [];
}
