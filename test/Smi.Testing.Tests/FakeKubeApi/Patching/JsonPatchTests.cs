using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Patching;

namespace Smi.Testing.Tests.FakeKubeApi.Patching;

public sealed class JsonPatchTests
{
    [Fact]
    public void Apply_AddReplaceRemoveMoveCopy_InOrder()
    {
        var target = JsonNode.Parse("""{"a":{"b":1},"list":[1,2]}""")!.AsObject();
        var patch = JsonNode.Parse("""
            [{"op":"add","path":"/list/-","value":3},
             {"op":"replace","path":"/a/b","value":2},
             {"op":"copy","from":"/a","path":"/c"},
             {"op":"move","from":"/list/0","path":"/first"},
             {"op":"remove","path":"/a"},
             {"op":"test","path":"/c/b","value":2}]
            """);

        var result = JsonPatch.Apply(target, patch);

        Assert.Equal("""{"list":[2,3],"c":{"b":2},"first":1}""", result.ToJsonString());
    }

    [Fact]
    public void Apply_FailedTest_Unprocessable()
    {
        var target = JsonNode.Parse("""{"a":1}""")!.AsObject();

        var error = Assert.Throws<ApiException>(() => JsonPatch.Apply(target, JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]""")));

        Assert.Equal(422, error.Code);
    }
}
