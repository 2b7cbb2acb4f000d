namespace Smi.Api.Tests.Validation;

public sealed class L4RouteValidatorTests
{
    [Theory]
    [InlineData("TCPRoute", "[0]", "error spec.matches.ports[0]: port 0 is out of range; ports are 1-65535")]
    [InlineData("TCPRoute", "[80, 70000]", "error spec.matches.ports[1]: port 70000 is out of range; ports are 1-65535")]
    [InlineData("TCPRoute", "[3306, 3306]", "error spec.matches.ports[1]: port 3306 is listed twice (also spec.matches.ports[0])")]
    [InlineData("UDPRoute", "[-1]", "error spec.matches.ports[0]: port -1 is out of range; ports are 1-65535")]
    [InlineData("UDPRoute", "[53, 53]", "error spec.matches.ports[1]: port 53 is listed twice (also spec.matches.ports[0])")]
    [InlineData("TCPRoute", "[http]", "error spec.matches.ports[0]: expected a whole number, got \"http\"")]
    public void Validate_Rule_ExactPathAndMessage(string kind, string ports, string expected) =>
        Assert.Equal([expected], Load.Findings($"apiVersion: specs.smi-spec.io/v1alpha4\nkind: {kind}\nmetadata:\n  name: r\nspec:\n  matches:\n    ports: {ports}\n"));

    [Theory]
    [InlineData("[]")]
    [InlineData("[1, 65535]")]
    public void Validate_ValidPorts_NoFindings(string ports) =>
        Assert.Empty(Load.Findings($"apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata:\n  name: r\nspec:\n  matches:\n    ports: {ports}\n"));
}
