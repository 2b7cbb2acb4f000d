using static Smi.Install.Tests.Crds.SmiInputs;

namespace Smi.Install.Tests.Crds;

/// <summary>TrafficSplit schemas: quantity weights in v1alpha1, non-negative integers later, matches from v1alpha3.</summary>
public sealed class TrafficSplitSchemaTests
{
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
}
