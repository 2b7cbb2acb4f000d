using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Patching;

namespace Smi.Testing.Tests.FakeKubeApi.Patching;

public sealed class StrategicMergePatchTests
{
    private static readonly JsonObject _deployment = Json("""
        {"spec":{"template":{"spec":{"containers":[
          {"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},
          {"name":"proxy","image":"proxy:1"}]}},
         "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}},
         "metadata":{"finalizers":["a"]}}
        """);

    [Fact]
    public void Apply_ContainerByName_MergesInPlace()
    {
        var result = StrategicMergePatch.Apply(_deployment, Json("""{"spec":{"template":{"spec":{"containers":[{"name":"proxy","image":"proxy:2"}]}}}}"""));

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("app:1", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("proxy:2", containers[1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_DeleteDirectiveAndElementOrder_RemovesAndReorders()
    {
        var patch = Json("""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"proxy"},{"name":"app"}],
              "containers":[{"name":"app","$setElementOrder/env":[{"name":"B"}],"env":[{"name":"A","$patch":"delete"}]}]}}}}
            """);

        var result = StrategicMergePatch.Apply(_deployment, patch);

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["proxy", "app"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["B"], containers[1]!["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("$", result.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RetainKeys_DropsOtherKeys()
    {
        var patch = Json("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        var result = StrategicMergePatch.Apply(_deployment, patch);

        Assert.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]!.ToJsonString());
    }

    [Fact]
    public void Apply_FinalizersAndDeleteFromPrimitiveList_MergeAsSet()
    {
        var added = StrategicMergePatch.Apply(_deployment, Json("""{"metadata":{"finalizers":["b"]}}"""));
        var removed = StrategicMergePatch.Apply(added, Json("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}"""));

        Assert.Equal("""["a","b"]""", added["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""["b"]""", removed["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Apply_ListWithoutMergeKey_Replaced()
    {
        var target = Json("""{"spec":{"args":["a","b"]}}""");

        var result = StrategicMergePatch.Apply(target, Json("""{"spec":{"args":["c"]}}"""));

        Assert.Equal("""["c"]""", result["spec"]!["args"]!.ToJsonString());
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
