namespace Smi.Api.Tests.Validation;

public sealed class TrafficSplitValidatorTests
{
    private const string Dns1035 = "a DNS-1035 label: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";

    [Fact]
    public void Validate_ValidSplit_NoFindings() =>
        Assert.Empty(Load.Findings(Split("v1alpha4", "  service: web\n  backends:\n  - service: web-v1\n    weight: 90\n  - service: web-v2\n    weight: 10")));

    [Theory]
    [InlineData("  backends:\n  - service: a\n    weight: 1", "error spec.service: required: name the root (apex) Service that clients address")]
    [InlineData("  service: Web_1\n  backends:\n  - service: a\n    weight: 1", $"error spec.service: \"Web_1\" is not a valid Service name; it must be {Dns1035}")]
    [InlineData("  service: web\n  backends: []", "error spec.backends: at least one backend is required")]
    [InlineData("  service: web", "error spec.backends: at least one backend is required")]
    [InlineData("  service: web\n  backends:\n  - weight: 1", "error spec.backends[0].service: required: name the backend Service")]
    [InlineData("  service: web\n  backends:\n  - service: 1web\n    weight: 1", $"error spec.backends[0].service: \"1web\" is not a valid Service name; it must be {Dns1035}")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 1\n  - service: a\n    weight: 2", "error spec.backends[1].service: backend \"a\" is listed twice (also spec.backends[0]); list each Service once with its total weight")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 1\n  - service: b\n    weight: -1", "error spec.backends[1].weight: weight -1 is negative; weights must be zero or positive")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 0\n  - service: b\n    weight: 0", "error spec.backends: the weights add up to 0, so no backend can receive traffic; give at least one backend a positive weight")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 5000000000", "error spec.backends[0].weight: weight 5000000000 is too large; weights must add up to at most 4294967295 (only their ratio matters, so scale them down)")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 3000000000\n  - service: b\n    weight: 3000000000", "error spec.backends: the weights add up to 6000000000, more than 4294967295; scale them down (only their ratio matters)")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 1\n  matches:\n  - kind: TCPRoute\n    name: r", "error spec.matches[0].kind: kind \"TCPRoute\" is not supported; a TrafficSplit can only match HTTPRouteGroup")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 1\n  matches:\n  - kind: HTTPRouteGroup\n    apiGroup: split.smi-spec.io\n    name: r", "error spec.matches[0].apiGroup: apiGroup \"split.smi-spec.io\" is not supported; use specs.smi-spec.io or leave it out")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 1\n  matches:\n  - kind: HTTPRouteGroup\n    name: \"\"", "error spec.matches[0].name: required: name the HTTPRouteGroup to match")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 1\n  matches:\n  - kind: HTTPRouteGroup\n    name: ab\n  - kind: HTTPRouteGroup\n    name: ab", "error spec.matches[1].name: HTTPRouteGroup \"ab\" is listed twice (also spec.matches[0]); list each group once")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: 1.5", "error spec.backends[0].weight: expected a whole number, got 1.5: split.smi-spec.io v1alpha2 and later weights are whole numbers (only their ratio matters, so scale all weights up, or use v1alpha1 quantities such as 500m)")]
    [InlineData("  service: web\n  backends:\n  - service: a", "error spec.backends[0]: missing required field \"weight\"")]
    [InlineData("  service: web\n  backends:\n  - service: a\n    weight: \"50\"", "error spec.backends[0].weight: expected a whole number, got \"50\"")]
    [InlineData("  service: web\n  backends: web-v1", "error spec.backends: expected a list, got \"web-v1\"")]
    [InlineData("  service: [web]\n  backends:\n  - service: a\n    weight: 1", "error spec.service: expected a string, got a list")]
    public void Validate_V1Alpha4Rule_ExactPathAndMessage(string spec, string expected) =>
        Assert.Equal([expected], Load.Findings(Split("v1alpha4", spec)));

    [Theory]
    [InlineData("  - service: a\n    weight: 100m\n  - service: b\n    weight: -500m", "error spec.backends[1].weight: weight -500m is negative; weights must be zero or positive")]
    [InlineData("  - service: a\n    weight: 0.0000000001", "error spec.backends[0].weight: weight 0.0000000001 is finer than 1n (0.000000001), the smallest Kubernetes quantity; scale all weights up (only their ratio matters)")]
    [InlineData("  - service: a\n    weight: abc", "error spec.backends[0].weight: expected a Kubernetes quantity such as 1, 500m or 10m, got \"abc\"")]
    [InlineData("  - service: a\n    weight: 1\n  - service: web\n    weight: 500m", "warning spec.backends[1].service: backend \"web\" is the root service itself; SMI calls self-referential splits an anti-pattern because the root Service usually selects the pods of every version, so this share is spread over all of them; split to a Service that selects only the current version")]
    public void Validate_V1Alpha1Rule_ExactPathAndMessage(string backends, string expected) =>
        Assert.Equal([expected], Load.Findings(Split("v1alpha1", "  service: web\n  backends:\n" + backends)));

    [Fact]
    public void Validate_NoName_Error() =>
        Assert.Equal(
            ["error metadata.name: required: every object needs a name"],
            Load.Findings("apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nspec:\n  service: web\n  backends:\n  - service: a\n    weight: 1\n"));

    [Fact]
    public void Validate_UnservedVersion_NamesServedVersions() =>
        Assert.Equal(
            ["error apiVersion: split.smi-spec.io/v1alpha5 is not a served version; this operator serves split.smi-spec.io/v1alpha1, split.smi-spec.io/v1alpha2, split.smi-spec.io/v1alpha3, split.smi-spec.io/v1alpha4 (TrafficSplit)"],
            Load.Findings(Split("v1alpha5", "  service: web")));

    [Fact]
    public void Validate_UnknownField_Warning() =>
        Assert.Equal(
            ["warning spec.backends[0].weigth: unknown field for split.smi-spec.io/v1alpha4 TrafficSplit; the API server drops fields it does not know, so this has no effect"],
            Load.Findings(Split("v1alpha4", "  service: web\n  backends:\n  - service: a\n    weight: 1\n    weigth: 2")));

    private static string Split(string version, string spec) =>
        $"apiVersion: split.smi-spec.io/{version}\nkind: TrafficSplit\nmetadata:\n  name: s\nspec:\n{spec}\n";
}
