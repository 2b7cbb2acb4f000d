using Smi.Install.Tests.Support;
using static Smi.Install.Tests.Crds.SmiInputs;

namespace Smi.Install.Tests.Crds;

/// <summary>HTTPRouteGroup, TCPRoute and UDPRoute schemas: layouts per version, methods, both header forms, ports.</summary>
public sealed class RouteSchemaTests
{
    [Theory]
    [InlineData("v1alpha1")]
    [InlineData("v1alpha2")]
    [InlineData("v1alpha3")]
    [InlineData("v1alpha4")]
    public void HttpRouteGroup_UnknownMethod_Rejected(string version)
    {
        var result = Validate("HTTPRouteGroup", version, RouteGroup(version, "- {name: m, pathRegex: /api, methods: [GET, FETCH]}"));

        var prefix = version is "v1alpha1" or "v1alpha2" ? string.Empty : "spec.";
        Assert.Equal(
            [$"{prefix}matches[0].methods[1]: Unsupported value: \"FETCH\": supported values: \"*\", \"GET\", \"HEAD\", \"PUT\", \"POST\", \"DELETE\", \"CONNECT\", \"OPTIONS\", \"TRACE\", \"PATCH\""],
            Messages(result));
    }

    [Theory]
    [InlineData("v1alpha2", "{user-agent: '.*Firefox.*', cookie: 'type=insider'}")]
    [InlineData("v1alpha2", "[{user-agent: '.*Firefox.*'}, {cookie: 'type=insider'}]")]
    [InlineData("v1alpha3", "{user-agent: '.*Firefox.*'}")]
    [InlineData("v1alpha4", "{user-agent: '.*Firefox.*', cookie: 'type=insider'}")]
    [InlineData("v1alpha4", "[{user-agent: '.*Firefox.*'}, {cookie: 'type=insider'}]")]
    public void HttpRouteGroup_HeadersMapOrList_AcceptedAndKeptIntact(string version, string headers)
    {
        var result = Validate("HTTPRouteGroup", version, RouteGroup(version, $"- {{name: h, headers: {headers}}}"));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.PrunedFields);
        var matches = version is "v1alpha2" ? result.Object["matches"] : result.Object["spec"]!["matches"];
        Assert.Equal(Manifests.Object($"h: {headers}")["h"]!.ToJsonString(), matches![0]!["headers"]!.ToJsonString());
    }

    [Fact]
    public void HttpRouteGroupV1alpha1_Headers_PrunedBecauseTheVersionHasNone()
    {
        var result = Validate("HTTPRouteGroup", "v1alpha1", RouteGroup("v1alpha1", "- {name: h, headers: {x-canary: 'true'}}"));

        Assert.True(result.IsValid);
        Assert.Equal(["matches[0].headers"], result.PrunedFields);
    }

    [Fact]
    public void HttpRouteGroupV1alpha4_TopLevelMatches_PrunedThenSpecRequired()
    {
        var result = Validate("HTTPRouteGroup", "v1alpha4", RouteGroup("v1alpha1", "- {name: firefox-users, headers: {user-agent: '.*Firefox.*'}}").Replace("v1alpha1", "v1alpha4", StringComparison.Ordinal));

        Assert.Equal(["matches"], result.PrunedFields);
        Assert.Equal(["spec: Required value"], Messages(result));
    }

    [Theory]
    [InlineData("v1alpha3")]
    [InlineData("v1alpha4")]
    public void HttpRouteGroup_EmptySpec_MatchesRequired(string version)
    {
        var result = Validate("HTTPRouteGroup", version, $"apiVersion: specs.smi-spec.io/{version}\nkind: HTTPRouteGroup\nspec: {{}}");

        Assert.Equal(["spec.matches: Required value"], Messages(result));
    }

    [Fact]
    public void HttpRouteGroup_MatchWithoutName_Rejected()
    {
        var result = Validate("HTTPRouteGroup", "v1alpha4", RouteGroup("v1alpha4", "- {pathRegex: /}"));

        Assert.Equal(["spec.matches[0].name: Required value"], Messages(result));
    }

    [Theory]
    [InlineData("v1alpha1")]
    [InlineData("v1alpha2")]
    public void TcpRouteWithoutFields_AnySpecPruned(string version)
    {
        var result = Validate("TCPRoute", version, $"apiVersion: specs.smi-spec.io/{version}\nkind: TCPRoute\nspec: {{matches: {{ports: [80]}}}}");

        Assert.True(result.IsValid);
        Assert.Equal(["spec"], result.PrunedFields);
    }

    [Fact]
    public void TcpRouteV1alpha3_EmptySpecKeptContentPruned()
    {
        var result = Validate("TCPRoute", "v1alpha3", "apiVersion: specs.smi-spec.io/v1alpha3\nkind: TCPRoute\nspec: {matches: {ports: [80]}}");

        Assert.True(result.IsValid);
        Assert.Equal(["spec.matches"], result.PrunedFields);
        Assert.Equal("{}", result.Object["spec"]!.ToJsonString());
    }

    [Theory]
    [InlineData("TCPRoute")]
    [InlineData("UDPRoute")]
    public void L4RouteV1alpha4_Ports_InRangeRequiredNameKept(string kind)
    {
        string Route(string matches) => $"apiVersion: specs.smi-spec.io/v1alpha4\nkind: {kind}\nspec: {{matches: {matches}}}";

        Assert.True(Validate(kind, "v1alpha4", Route("{name: dns, ports: [53, 5353]}")).IsValid);
        Assert.Empty(Validate(kind, "v1alpha4", Route("{name: dns, ports: []}")).PrunedFields);
        Assert.Equal(["spec.matches.ports[0]: Invalid value: 0: spec.matches.ports[0] in body should be greater than or equal to 1"], Messages(Validate(kind, "v1alpha4", Route("{ports: [0]}"))));
        Assert.Equal(["spec.matches.ports: Required value"], Messages(Validate(kind, "v1alpha4", Route("{name: x}"))));
        Assert.Equal(["spec: Required value"], Messages(Validate(kind, "v1alpha4", $"apiVersion: specs.smi-spec.io/v1alpha4\nkind: {kind}")));
    }
}
