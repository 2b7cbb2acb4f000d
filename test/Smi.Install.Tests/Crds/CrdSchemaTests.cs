using Smi.Install.Tests.Support;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Crds;

/// <summary>The schemas in crds/ accept and reject what each SMI version's layout says (SPEC-NOTES §1–§4).</summary>
public sealed class CrdSchemaTests
{
    [Fact]
    public void Load_EveryCrd_IsStructuralAndNamed()
    {
        var names = RepoCrds.Catalog.Definitions.Select(d => d.Name).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["httproutegroups.specs.smi-spec.io", "tcproutes.specs.smi-spec.io", "trafficsplits.split.smi-spec.io", "traffictargets.access.smi-spec.io", "udproutes.specs.smi-spec.io"],
            names);
    }

    [Theory]
    [InlineData("'10m'")]
    [InlineData("'1500m'")]
    [InlineData("'1'")]
    [InlineData("1")]
    [InlineData("'0m'")]
    [InlineData("'0.5'")]
    [InlineData("'2k'")]
    [InlineData("0")]
    public void TrafficSplitV1alpha1_QuantityWeight_Accepted(string weight)
    {
        var result = Validate("TrafficSplit", "v1alpha1", Split("split.smi-spec.io/v1alpha1", weight));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("abc", "spec.backends[0].weight: Invalid value: \"abc\": spec.backends[0].weight in body should match '^\\+?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$'")]
    [InlineData("'-500m'", "should match")]
    [InlineData("-1", "spec.backends[0].weight: Invalid value: -1: spec.backends[0].weight in body should be greater than or equal to 0")]
    [InlineData("true", "spec.backends[0].weight: Invalid value: \"boolean\": spec.backends[0].weight in body must be of type integer,string: \"boolean\"")]
    [InlineData("'10 m'", "should match")]
    public void TrafficSplitV1alpha1_BadWeight_Rejected(string weight, string expected)
    {
        var result = Validate("TrafficSplit", "v1alpha1", Split("split.smi-spec.io/v1alpha1", weight));

        var error = Assert.Single(result.Errors);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1alpha2")]
    [InlineData("v1alpha3")]
    [InlineData("v1alpha4")]
    public void TrafficSplit_NegativeWeight_RejectedInIntegerVersions(string version)
    {
        var result = Validate("TrafficSplit", version, Split($"split.smi-spec.io/{version}", "-10"));

        Assert.Equal(["spec.backends[0].weight: Invalid value: -10: spec.backends[0].weight in body should be greater than or equal to 0"], Messages(result));
    }

    [Theory]
    [InlineData("v1alpha2", "'10'", "string")]
    [InlineData("v1alpha3", "'100m'", "string")]
    [InlineData("v1alpha4", "0.5", "number")]
    public void TrafficSplit_NonIntegerWeight_RejectedInIntegerVersions(string version, string weight, string actual)
    {
        var result = Validate("TrafficSplit", version, Split($"split.smi-spec.io/{version}", weight));

        Assert.Equal([$"spec.backends[0].weight: Invalid value: \"{actual}\": spec.backends[0].weight in body must be of type integer: \"{actual}\""], Messages(result));
    }

    [Theory]
    [InlineData("v1alpha1")]
    [InlineData("v1alpha2")]
    [InlineData("v1alpha3")]
    [InlineData("v1alpha4")]
    public void TrafficSplit_MissingServiceAndEmptyBackends_Rejected(string version)
    {
        var result = Validate("TrafficSplit", version, $"apiVersion: split.smi-spec.io/{version}\nkind: TrafficSplit\nspec: {{backends: []}}");

        Assert.Equal(["spec.backends: Invalid value: 0: spec.backends in body should have at least 1 items", "spec.service: Required value"], Messages(result));
    }

    [Theory]
    [InlineData("v1alpha3")]
    [InlineData("v1alpha4")]
    public void TrafficSplit_MatchesOfOtherKinds_Rejected(string version)
    {
        var yaml = Split($"split.smi-spec.io/{version}", "1") + "\n  matches:\n  - {kind: TCPRoute, name: db}";

        var result = Validate("TrafficSplit", version, yaml);

        Assert.Equal(["spec.matches[0].kind: Unsupported value: \"TCPRoute\": supported values: \"HTTPRouteGroup\""], Messages(result));
    }

    [Theory]
    [InlineData("v1alpha3")]
    [InlineData("v1alpha4")]
    public void TrafficSplit_MatchesWithApiGroup_Kept(string version)
    {
        var yaml = Split($"split.smi-spec.io/{version}", "1") + "\n  matches:\n  - {kind: HTTPRouteGroup, name: ab, apiGroup: specs.smi-spec.io}";

        var result = Validate("TrafficSplit", version, yaml);

        Assert.True(result.IsValid);
        Assert.Empty(result.PrunedFields);
        Assert.Equal("specs.smi-spec.io", result.Object["spec"]!["matches"]![0]!["apiGroup"]!.GetValue<string>());
    }

    [Fact]
    public void TrafficSplitV1alpha2_Matches_PrunedBecauseTheVersionHasNone()
    {
        var yaml = Split("split.smi-spec.io/v1alpha2", "1") + "\n  matches:\n  - {kind: HTTPRouteGroup, name: ab}";

        var result = Validate("TrafficSplit", "v1alpha2", yaml);

        Assert.True(result.IsValid);
        Assert.Equal(["spec.matches"], result.PrunedFields);
    }

    [Theory]
    [InlineData("v1alpha3", "HTTPRoute", false)]
    [InlineData("v1alpha3", "UDPRoute", true)]
    [InlineData("v1alpha3", "TCPRoute", true)]
    [InlineData("v1alpha2", "UDPRoute", false)]
    [InlineData("v1alpha2", "TCPRoute", true)]
    [InlineData("v1alpha2", "ServiceAccount", false)]
    public void TrafficTarget_RuleKind_CheckedAgainstTheVersionsEnum(string version, string kind, bool valid)
    {
        var result = Validate("TrafficTarget", version, Target(version, $"- {{kind: {kind}, name: r}}"));

        if (valid)
        {
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
        }
        else
        {
            var supported = version == "v1alpha3" ? "\"HTTPRouteGroup\", \"TCPRoute\", \"UDPRoute\"" : "\"HTTPRouteGroup\", \"TCPRoute\"";
            Assert.Equal([$"spec.rules[0].kind: Unsupported value: \"{kind}\": supported values: {supported}"], Messages(result));
        }
    }

    [Fact]
    public void TrafficTargetV1alpha1_SpecKind_CheckedAgainstTheEnum()
    {
        var yaml = """
            apiVersion: access.smi-spec.io/v1alpha1
            kind: TrafficTarget
            destination: {kind: ServiceAccount, name: api, port: 8080}
            specs: [{kind: UDPRoute, name: r}]
            sources: [{kind: ServiceAccount, name: web}]
            """;

        Assert.Equal(["specs[0].kind: Unsupported value: \"UDPRoute\": supported values: \"HTTPRouteGroup\", \"TCPRoute\""], Messages(Validate("TrafficTarget", "v1alpha1", yaml)));
    }

    [Theory]
    [InlineData("8080", true)]
    [InlineData("'8080'", true)]
    [InlineData("'http'", false)]
    [InlineData("0", false)]
    public void TrafficTargetV1alpha1_DestinationPort_IntOrNumericString(string port, bool valid)
    {
        var yaml = $"apiVersion: access.smi-spec.io/v1alpha1\nkind: TrafficTarget\ndestination: {{kind: ServiceAccount, name: api, port: {port}}}\nsources: [{{kind: ServiceAccount, name: web}}]";

        Assert.Equal(valid, Validate("TrafficTarget", "v1alpha1", yaml).IsValid);
    }

    [Fact]
    public void TrafficTargetV1alpha2_DestinationPort_OptionalInteger()
    {
        Assert.True(Validate("TrafficTarget", "v1alpha2", Target("v1alpha2", "- {kind: TCPRoute, name: r}", port: "8080")).IsValid);
        Assert.True(Validate("TrafficTarget", "v1alpha2", Target("v1alpha2", "- {kind: TCPRoute, name: r}")).IsValid);
        Assert.Equal(
            ["spec.destination.port: Invalid value: 70000: spec.destination.port in body should be less than or equal to 65535"],
            Messages(Validate("TrafficTarget", "v1alpha2", Target("v1alpha2", "- {kind: TCPRoute, name: r}", port: "70000"))));
    }

    [Fact]
    public void TrafficTargetV1alpha3_DestinationPort_PrunedWithAWarning()
    {
        var result = Validate("TrafficTarget", "v1alpha3", Target("v1alpha3", "- {kind: TCPRoute, name: r}", port: "'9091'"));

        Assert.True(result.IsValid);
        Assert.Equal(["unknown field \"spec.destination.port\""], result.Warnings);
    }

    [Fact]
    public void TrafficTargetV1alpha3_RulesAndSources_RequiredAndNotEmpty()
    {
        var missing = Validate("TrafficTarget", "v1alpha3", "apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nspec: {destination: {kind: ServiceAccount, name: api}}");
        var empty = Validate("TrafficTarget", "v1alpha3", "apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nspec: {destination: {kind: ServiceAccount, name: api}, rules: [], sources: []}");

        Assert.Equal(["spec.rules: Required value", "spec.sources: Required value"], Messages(missing));
        Assert.Equal(
            ["spec.rules: Invalid value: 0: spec.rules in body should have at least 1 items", "spec.sources: Invalid value: 0: spec.sources in body should have at least 1 items"],
            Messages(empty));
    }

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

    public static TheoryData<string, string> EveryKindAndVersion()
    {
        var data = new TheoryData<string, string>();
        foreach (var crd in RepoCrds.Catalog.Definitions)
        {
            foreach (var version in crd.Versions)
            {
                data.Add(crd.Kind, version.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindAndVersion))]
    public void Status_ConditionsAndObservedGeneration_AcceptedOnEveryVersion(string kind, string version)
    {
        var status = """
            status:
              observedGeneration: 3
              conditions:
              - {type: Accepted, status: 'True', observedGeneration: 3, lastTransitionTime: '2024-05-01T10:00:00Z', reason: Accepted, message: ok}
              - {type: ResolvedRefs, status: 'False', observedGeneration: 3, lastTransitionTime: '2024-05-01T10:00:00Z', reason: BackendNotFound, message: 'Service web-v3 not found'}
            """;

        var result = RepoCrds.Version(kind, version).Validate(Manifests.Object(status));

        Assert.Empty(result.PrunedFields);
        Assert.DoesNotContain(result.Errors, e => e.Field.StartsWith("status", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_BadConditions_RejectedLikeMetav1Condition()
    {
        var status = """
            status:
              observedGeneration: -1
              conditions:
              - {type: Accepted, status: Maybe, lastTransitionTime: 'now', reason: 'not camel', message: m}
              - {type: Accepted, status: 'True', lastTransitionTime: '2024-05-01T10:00:00Z', message: m}
            """;

        var result = RepoCrds.Version("TrafficSplit", "v1alpha4").Validate(Manifests.Object(status));

        Assert.Equal(
            [
                "status.observedGeneration: Invalid value: -1: status.observedGeneration in body should be greater than or equal to 0",
                "status.conditions[0].status: Unsupported value: \"Maybe\": supported values: \"True\", \"False\", \"Unknown\"",
                "status.conditions[0].lastTransitionTime: Invalid value: \"now\": status.conditions[0].lastTransitionTime in body must be of type date-time: \"now\"",
                "status.conditions[0].reason: Invalid value: \"not camel\": status.conditions[0].reason in body should match '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$'",
                "status.conditions[1].reason: Required value",
                "spec: Required value",
                "status.conditions[1]: Duplicate value: {\"type\":\"Accepted\"}",
            ],
            Messages(result));
    }

    private static CustomResourceValidationResult Validate(string kind, string version, string yaml) =>
        RepoCrds.Version(kind, version).Validate(Manifests.Object(yaml));

    private static IReadOnlyList<string> Messages(CustomResourceValidationResult result) => [.. result.Errors.Select(e => e.ToString())];

    private static string Split(string apiVersion, string weight) => $$"""
        apiVersion: {{apiVersion}}
        kind: TrafficSplit
        metadata: {name: s}
        spec:
          service: web
          backends:
          - {service: web-v1, weight: {{weight}}}
        """;

    private static string Target(string version, string rules, string? port = null) => $$"""
        apiVersion: access.smi-spec.io/{{version}}
        kind: TrafficTarget
        spec:
          destination: {kind: ServiceAccount, name: api, namespace: default{{(port is null ? string.Empty : $", port: {port}")}}}
          rules:
          {{rules}}
          sources:
          - {kind: ServiceAccount, name: web}
        """;

    private static string RouteGroup(string version, string matches) => version is "v1alpha1" or "v1alpha2"
        ? $"apiVersion: specs.smi-spec.io/{version}\nkind: HTTPRouteGroup\nmatches:\n{matches}"
        : $"apiVersion: specs.smi-spec.io/{version}\nkind: HTTPRouteGroup\nspec:\n  matches:\n  {matches}";
}
