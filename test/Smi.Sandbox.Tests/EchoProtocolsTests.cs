using System.Collections.Immutable;
using Smi.Core.Cluster;

namespace Smi.Sandbox.Tests;

public sealed class EchoProtocolsTests
{
    private static readonly PodInfo Pod = new()
    {
        Namespace = "demo",
        Name = "web-0",
        Labels = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
        ContainerPorts = [new("http", 8080), new("api", 9090), new("grpc-admin", 9091), new(null, 50051), new(null, 7000, "UDP")],
    };

    [Theory]
    [InlineData("grpc", null, true)]
    [InlineData("h2c", null, true)]
    [InlineData("kubernetes.io/h2c", "http", true)]
    [InlineData("GRPC", null, true)]
    [InlineData("http", "grpc", false)]
    [InlineData("http2", null, false)]
    [InlineData(null, "grpc", true)]
    [InlineData(null, "grpc-api", true)]
    [InlineData(null, "h2c-internal", true)]
    [InlineData(null, "grpc-web", false)]
    [InlineData(null, "grpcfoo", false)]
    [InlineData(null, "http", false)]
    [InlineData(null, null, false)]
    public void IsH2c_AppProtocolDecidesAlone_ElseIstioPortName(string? appProtocol, string? name, bool expected) =>
        Assert.Equal(expected, EchoProtocols.IsH2c(appProtocol, name));

    [Fact]
    public void Plan_ServicesAndContainerPortNames_H2cWhereDeclared_Http1Elsewhere()
    {
        var services = new[]
        {
            Service("demo", "web", new ServicePortInfo("http", 80, "8080"), new ServicePortInfo("rpc", 9090, "api", AppProtocol: "grpc")),
            // A Service that does not select the pod, and one of another namespace, do not count.
            Service("demo", "other", new ServicePortInfo("grpc", 50051)) with { Selector = ImmutableDictionary<string, string>.Empty.Add("app", "other") },
            Service("prod", "web", new ServicePortInfo("grpc", 50051)),
        };

        var plan = EchoProtocols.Plan(Pod.ContainerPorts, Pod, services);

        Assert.Equal([new EchoPort(8080, false), new EchoPort(9090, true), new EchoPort(9091, true), new EchoPort(50051, false)], plan);
    }

    [Fact]
    public void Plan_PortWithoutTargetPort_TargetsTheSameNumber_OneServiceSayingH2cIsEnough()
    {
        var services = new[]
        {
            Service("demo", "web", new ServicePortInfo("tcp", 50051)),
            Service("demo", "web-h2", new ServicePortInfo("h2c", 50051)),
        };

        var plan = EchoProtocols.Plan(Pod.ContainerPorts, Pod, services);

        Assert.Contains(new EchoPort(50051, true), plan);
        Assert.Contains(new EchoPort(8080, false), plan);
    }

    private static ServiceInfo Service(string ns, string name, params ServicePortInfo[] ports) => new()
    {
        Namespace = ns,
        Name = name,
        Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
        Ports = [.. ports],
    };
}
