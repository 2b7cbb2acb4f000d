using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Selection;

namespace Smi.Testing.Tests.FakeKubeApi.Selection;

public sealed class LabelSelectorTests
{
    private static readonly JsonObject _object = JsonNode.Parse("""{"metadata":{"labels":{"app":"web","tier":"front"}}}""")!.AsObject();

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web,tier=front", true)]
    [InlineData("app!=web", false)]
    [InlineData("app in (api, web)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app=web,missing", false)]
    public void Matches_Expression_AsKubernetes(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(_object));

    [Theory]
    [InlineData("app in web")]
    [InlineData("a b=c")]
    [InlineData("=x")]
    public void Parse_Malformed_BadRequest(string selector) =>
        Assert.Equal(400, Assert.Throws<ApiException>(() => LabelSelector.Parse(selector)).Code);
}
