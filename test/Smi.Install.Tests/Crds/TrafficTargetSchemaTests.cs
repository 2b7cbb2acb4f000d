using static Smi.Install.Tests.Crds.SmiInputs;

namespace Smi.Install.Tests.Crds;

/// <summary>TrafficTarget schemas: rule kinds per version, destination.port until v1alpha2, required rules and sources in v1alpha3.</summary>
public sealed class TrafficTargetSchemaTests
{
    [Theory]
    [InlineData("v1alpha3", "HTTPRoute", false)]
    [InlineData("v1alpha3", "UDPRoute", true)]
    [InlineData("v1alpha3", "TCPRoute", true)]
    [InlineData("v1alpha2", "UDPRoute", true)]
    [InlineData("v1alpha2", "HTTPRoute", false)]
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
            Assert.Equal([$"spec.rules[0].kind: Unsupported value: \"{kind}\": supported values: \"HTTPRouteGroup\", \"TCPRoute\", \"UDPRoute\""], Messages(result));
        }
    }

    [Fact]
    public void TrafficTargetV1alpha1_SpecKind_CheckedAgainstTheEnum()
    {
        var yaml = """
            apiVersion: access.smi-spec.io/v1alpha1
            kind: TrafficTarget
            destination: {kind: ServiceAccount, name: api, port: 8080}
            specs: [{kind: HTTPRoute, name: r}]
            sources: [{kind: ServiceAccount, name: web}]
            """;

        Assert.Equal(["specs[0].kind: Unsupported value: \"HTTPRoute\": supported values: \"HTTPRouteGroup\", \"TCPRoute\", \"UDPRoute\""], Messages(Validate("TrafficTarget", "v1alpha1", yaml)));
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
}
