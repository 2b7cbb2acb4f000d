namespace Smi.Api.Tests.Validation;

public sealed class TrafficTargetValidatorTests
{
    private const string Destination = "  destination:\n    kind: ServiceAccount\n    name: api\n";
    private const string Rules = "  rules:\n  - kind: TCPRoute\n    name: port\n";
    private const string Sources = "  sources:\n  - kind: ServiceAccount\n    name: web\n";

    [Fact]
    public void Validate_ValidTarget_NoFindings() => Assert.Empty(Load.Findings(Target(Destination + Rules + Sources)));

    [Theory]
    [InlineData(Rules + Sources, "error spec.destination: required: name the destination ServiceAccount (kind: ServiceAccount, name: ...)")]
    [InlineData("  destination:\n    kind: Pod\n    name: api\n" + Rules + Sources, "error spec.destination.kind: kind \"Pod\" is not supported; the destination must be a ServiceAccount")]
    [InlineData("  destination:\n    name: api\n" + Rules + Sources, "error spec.destination.kind: required: the destination kind must be ServiceAccount")]
    [InlineData("  destination:\n    kind: ServiceAccount\n" + Rules + Sources, "error spec.destination.name: required: name the destination ServiceAccount")]
    [InlineData(Destination + "    namespace: other\n" + Rules + Sources, "error spec.destination.namespace: namespace \"other\" differs from the TrafficTarget's namespace \"default\"; a TrafficTarget can only grant access to identities in its own namespace, so leave it empty or set it to \"default\"")]
    [InlineData(Destination + Rules, "error spec.sources: at least one source is required; access is denied by default, so a target without sources allows nothing")]
    [InlineData(Destination + Sources, "error spec.rules: at least one rule is required; access is denied by default, so a target without rules allows nothing")]
    [InlineData(Destination + Rules + "  sources:\n  - kind: Group\n    name: web\n", "error spec.sources[0].kind: kind \"Group\" is not supported; sources must be ServiceAccounts")]
    [InlineData(Destination + Rules + "  sources:\n  - kind: ServiceAccount\n", "error spec.sources[0].name: required: name the source ServiceAccount")]
    [InlineData(Destination + "  rules:\n  - kind: Foo\n    name: x\n" + Sources, "error spec.rules[0].kind: kind \"Foo\" is not supported; use one of HTTPRouteGroup, TCPRoute, UDPRoute")]
    [InlineData(Destination + "  rules:\n  - kind: TCPRoute\n" + Sources, "error spec.rules[0].name: required: name the TCPRoute this rule allows")]
    [InlineData(Destination + "  rules:\n  - kind: TCPRoute\n    name: p\n    matches: [m]\n" + Sources, "error spec.rules[0].matches: matches select HTTPRouteGroup matches by name and are not allowed on a TCPRoute rule; remove them")]
    [InlineData(Destination + "  rules:\n  - kind: HTTPRouteGroup\n    name: g\n    matches: [\"\"]\n" + Sources, "error spec.rules[0].matches[0]: required: name a match of the HTTPRouteGroup, or leave matches out to allow all of them")]
    [InlineData(Destination + "    port: 8080\n" + Rules + Sources, "warning spec.destination.port: access.smi-spec.io/v1alpha3 has no destination.port: the CRD prunes it, so this target allows every port; restrict ports with a TCPRoute rule, or use access.smi-spec.io/v1alpha2")]
    public void Validate_V1Alpha3Rule_ExactPathAndMessage(string spec, string expected) =>
        Assert.Equal([expected], Load.Findings(Target(spec)));

    [Theory]
    [InlineData("destination:\n  kind: ServiceAccount\n  name: api\n  port: 0\nspecs:\n- kind: TCPRoute\n  name: p\nsources:\n- kind: ServiceAccount\n  name: web\n", "error destination.port: port 0 is out of range; ports are 1-65535")]
    [InlineData("destination:\n  kind: ServiceAccount\n  name: api\nsources:\n- kind: ServiceAccount\n  name: web\n", "error specs: at least one rule is required; access is denied by default, so a target without rules allows nothing")]
    [InlineData("destination:\n  kind: ServiceAccount\n  name: api\nspecs:\n- kind: Pod\n  name: p\nsources:\n- kind: ServiceAccount\n  name: web\n", "error specs[0].kind: kind \"Pod\" is not supported; use one of HTTPRouteGroup, TCPRoute, UDPRoute")]
    [InlineData("destination:\n  kind: ServiceAccount\n  name: api\n  port: http\nspecs:\n- kind: TCPRoute\n  name: p\nsources:\n- kind: ServiceAccount\n  name: web\n", "error destination.port: expected a port number (1-65535), got \"http\"")]
    public void Validate_V1Alpha1Rule_PathsAsWritten(string body, string expected) =>
        Assert.Equal([expected], Load.Findings($"apiVersion: access.smi-spec.io/v1alpha1\nkind: TrafficTarget\nmetadata:\n  name: t\n{body}"));

    [Fact]
    public void Validate_V1Alpha2Port_OutOfRange() =>
        Assert.Equal(
            ["error spec.destination.port: port 70000 is out of range; ports are 1-65535"],
            Load.Findings($"apiVersion: access.smi-spec.io/v1alpha2\nkind: TrafficTarget\nmetadata:\n  name: t\nspec:\n{Destination}    port: \"70000\"\n{Rules}{Sources}"));

    [Fact]
    public void Validate_V1Alpha3PortFromAnnotation_OutOfRangeNamesAnnotation() =>
        Assert.Equal(
            ["error metadata.annotations[\"conversion.smi-operator.io/destination-port\"]: port 0 is out of range; ports are 1-65535"],
            Load.Findings($"apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nmetadata:\n  name: t\n  annotations:\n    conversion.smi-operator.io/destination-port: \"0\"\nspec:\n{Destination}{Rules}{Sources}"));

    private static string Target(string spec) =>
        $"apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nmetadata:\n  name: t\nspec:\n{spec}";
}
