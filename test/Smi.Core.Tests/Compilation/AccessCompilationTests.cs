using Smi.Core.Compilation;
using Smi.Core.Diagnostics;
using Smi.Core.Tests.Builders;
using Smi.ProxyConfig;
using static Smi.Core.Tests.Builders.MeshBuilder;

namespace Smi.Core.Tests.Compilation;

public sealed class AccessCompilationTests
{
    private static MeshBuilder Mesh() => new MeshBuilder()
        .Workload("default", "prometheus", "prometheus", "app=prometheus")
        .Workload("default", "website", "website", "app=website")
        .Workload("default", "api", "service-a", "app=api", port: 8080)
        .Service("default", "api", "app=api", port: 8080, targetPort: "8080");

    [Fact]
    public void Compile_NoTrafficTarget_DefaultDeny()
    {
        var result = MeshCompiler.Compile(Mesh().Build());

        var api = result.For("default/service-a");
        Assert.False(api.Inbound.Permissive);
        Assert.Empty(api.Inbound.Rules);
        var client = result.For("default/prometheus");
        Assert.DoesNotContain(client.Outbound.Services, s => s.Name == "api");
        Assert.Contains(new ServiceKey("default", "api"), client.Outbound.DeniedServices);
    }

    [Fact]
    public void Compile_PathSpecificTarget_OnlyListedMatchAndPort()
    {
        var mesh = Mesh()
            .RouteGroup("default", "the-routes", Match("metrics", path: "/metrics", methods: ["GET"]), Match("everything", path: ".*", methods: ["*"]))
            .TcpRoute("default", "port-8080", 8080)
            .Target("default", "path-specific", "service-a", ["prometheus"], Tcp("port-8080"), Http("the-routes", "metrics"));

        var result = MeshCompiler.Compile(mesh.Build());

        var rule = Assert.Single(result.For("default/service-a").Inbound.Rules);
        Assert.Equal("TrafficTarget default/path-specific", rule.Origin);
        Assert.Equal(["default/prometheus"], rule.Sources);
        Assert.Equal([8080], rule.Ports);
        var match = Assert.Single(rule.HttpMatches);
        Assert.Equal("^(?:/metrics)", match.PathRegex);
        Assert.Equal(["GET"], match.Methods);
        Assert.Contains(result.For("default/prometheus").Outbound.Services, s => s.Name == "api");
        Assert.DoesNotContain(result.For("default/website").Outbound.Services, s => s.Name == "api");
    }

    [Fact]
    public void Compile_RuleWithoutMatchNames_AllowsEveryMatchOfTheGroup()
    {
        var mesh = Mesh()
            .RouteGroup("default", "r", Match("a", path: "/a"), Match("b", path: "/b"))
            .Target("default", "t", "service-a", ["website"], Http("r"));

        var rule = MeshCompiler.Compile(mesh.Build()).For("default/service-a").Inbound.Rules.Single();

        Assert.Equal(2, rule.HttpMatches.Length);
        Assert.Empty(rule.Ports);
    }

    [Fact]
    public void Compile_SeveralTargetsOnOneDestination_AreOred()
    {
        var mesh = Mesh()
            .RouteGroup("default", "api", Match("api", path: "/api"))
            .RouteGroup("default", "metrics", Match("metrics", path: "/metrics", methods: ["GET"]))
            .Target("default", "api-service-api", "service-a", ["website"], Http("api"))
            .Target("default", "api-service-metrics", "service-a", ["prometheus"], Http("metrics"));

        var rules = MeshCompiler.Compile(mesh.Build()).For("default/service-a").Inbound.Rules;

        Assert.Equal(["TrafficTarget default/api-service-api", "TrafficTarget default/api-service-metrics"], rules.Select(r => r.Origin));
    }

    [Fact]
    public void Compile_TcpAndUdpRoutes_PortsPerProtocol()
    {
        // The spec's L4 example: TCP 8300-8302 and UDP 8301-8302.
        var mesh = new MeshBuilder()
            .Workload("default", "server", "server", "app=server", port: 8300)
            .Workload("default", "client", "client", "app=client")
            .TcpRoute("default", "tcp-ports", 8301, 8302, 8300)
            .UdpRoute("default", "udp-ports", 8301, 8302)
            .Target("default", "protocal-specific", "server", ["client"], Tcp("tcp-ports"), Udp("udp-ports"));

        var rule = MeshCompiler.Compile(mesh.Build()).For("default/server").Inbound.Rules.Single();

        Assert.Equal([8300, 8301, 8302], rule.Ports);
        Assert.Equal([8301, 8302], rule.UdpPorts);
        Assert.False(rule.UdpOnly);
    }

    [Fact]
    public void Compile_UdpOnlyTarget_AdmitsNoTcp()
    {
        var mesh = Mesh()
            .UdpRoute("default", "dns", 53)
            .Target("default", "t", "service-a", ["website"], Udp("dns"));

        var result = MeshCompiler.Compile(mesh.Build());

        Assert.True(result.For("default/service-a").Inbound.Rules.Single().UdpOnly);
        Assert.DoesNotContain(result.For("default/website").Outbound.Services, s => s.Name == "api");
    }

    [Fact]
    public void Compile_V1Alpha1DestinationPort_RestrictsTcp()
    {
        var target = new Smi.Api.Model.TrafficTarget
        {
            Metadata = new Smi.Api.Model.ObjectMeta { Name = "old", Namespace = "default" },
            SourceApiVersion = "access.smi-spec.io/v1alpha1",
            Destination = new Smi.Api.Model.IdentityReference("ServiceAccount", "service-a", "default"),
            DestinationPort = 8080,
            Sources = [new Smi.Api.Model.IdentityReference("ServiceAccount", "prometheus", "default")],
            Rules = [Http("the-routes", "metrics")],
        };
        var mesh = Mesh().RouteGroup("default", "the-routes", Match("metrics", path: "/metrics")).Add(target);

        var rule = MeshCompiler.Compile(mesh.Build()).For("default/service-a").Inbound.Rules.Single();

        Assert.Equal([8080], rule.Ports);
    }

    [Fact]
    public void Compile_RoutePortNamesServicePort_AlsoAllowsContainerPort()
    {
        var mesh = new MeshBuilder()
            .Workload("default", "api", "service-a", "app=api", port: 9000)
            .Workload("default", "client", "client", "app=client")
            .Service("default", "api", "app=api", port: 80, targetPort: "9000")
            .TcpRoute("default", "p80", 80)
            .Target("default", "t", "service-a", ["client"], Tcp("p80"));

        var rule = MeshCompiler.Compile(mesh.Build()).For("default/service-a").Inbound.Rules.Single();

        Assert.Equal([80, 9000], rule.Ports);
    }

    [Fact]
    public void Compile_CrossNamespaceSource_IsAllowed()
    {
        var mesh = Mesh()
            .Workload("monitoring", "prom", "prometheus", "app=prom")
            .Target("default", "t", "service-a", ["monitoring/prometheus"], Tcp("all"))
            .TcpRoute("default", "all");

        var result = MeshCompiler.Compile(mesh.Build());

        Assert.Equal(["monitoring/prometheus"], result.For("default/service-a").Inbound.Rules.Single().Sources);
        Assert.Contains(result.For("monitoring/prometheus").Outbound.Services, s => s.Name == "api");
        Assert.DoesNotContain(result.For("default/prometheus").Outbound.Services, s => s.Name == "api");
    }

    [Fact]
    public void Compile_DeniedServiceOfAnotherNamespace_IsListedDenied()
    {
        // The same decision gives the same answer (403) whatever the caller's namespace.
        var mesh = Mesh().Workload("monitoring", "prom", "prometheus", "app=prom");

        var result = MeshCompiler.Compile(mesh.Build());

        Assert.Contains(new ServiceKey("default", "api"), result.For("monitoring/prometheus").Outbound.DeniedServices);
    }

    [Fact]
    public void Compile_PermissiveNamespace_EveryoneReaches()
    {
        var result = MeshCompiler.Compile(Mesh().Namespace("default", permissive: true).Build());

        Assert.True(result.For("default/service-a").Inbound.Permissive);
        Assert.Contains(result.For("default/website").Outbound.Services, s => s.Name == "api");
        Assert.Empty(result.For("default/website").Outbound.DeniedServices);
    }

    [Fact]
    public void Compile_PermissiveMesh_EveryoneReaches()
    {
        var mesh = Mesh();
        mesh.Mesh = mesh.Mesh with { Permissive = true };

        var result = MeshCompiler.Compile(mesh.Build());

        Assert.True(result.For("default/service-a").Inbound.Permissive);
    }

    [Fact]
    public void Compile_DestinationInOtherNamespace_Rejected()
    {
        var target = new Smi.Api.Model.TrafficTarget
        {
            Metadata = new Smi.Api.Model.ObjectMeta { Name = "t", Namespace = "default" },
            SourceApiVersion = "access.smi-spec.io/v1alpha3",
            Destination = new Smi.Api.Model.IdentityReference("ServiceAccount", "service-a", "other"),
            Sources = [new Smi.Api.Model.IdentityReference("ServiceAccount", "website", "default")],
            Rules = [Tcp("all")],
        };

        var result = MeshCompiler.Compile(Mesh().TcpRoute("default", "all").Add(target).Build());

        var accepted = result.StatusOf("TrafficTarget", "default/t").Condition(ConditionTypes.Accepted);
        Assert.False(accepted.Status);
        Assert.Contains("differs from the TrafficTarget's namespace", accepted.Message, StringComparison.Ordinal);
        Assert.Empty(result.For("default/service-a").Inbound.Rules);
    }

    [Fact]
    public void Compile_MissingRouteGroup_FailsClosed()
    {
        var mesh = Mesh().Target("default", "t", "service-a", ["website"], Http("missing"));

        var result = MeshCompiler.Compile(mesh.Build());

        Assert.Empty(result.For("default/service-a").Inbound.Rules);
        Assert.Contains(Reasons.GrantsNothing, result.Reasons("TrafficTarget", "default/t"));
        Assert.Equal(Reasons.RouteNotFound, result.StatusOf("TrafficTarget", "default/t").Condition(ConditionTypes.ResolvedRefs).Reason);
    }

    [Fact]
    public void Compile_UnknownMatchName_FailsClosedForThatName()
    {
        var mesh = Mesh()
            .RouteGroup("default", "r", Match("a", path: "/a"))
            .Target("default", "t", "service-a", ["website"], Http("r", "a", "typo"));

        var result = MeshCompiler.Compile(mesh.Build());

        Assert.Single(result.For("default/service-a").Inbound.Rules.Single().HttpMatches);
        Assert.Contains(Reasons.MatchNotFound, result.Reasons("TrafficTarget", "default/t"));
    }

    [Fact]
    public void Compile_NoRulesOrNoSources_Rejected()
    {
        var result = MeshCompiler.Compile(Mesh()
            .Target("default", "no-rules", "service-a", ["website"])
            .Target("default", "no-sources", "service-a", [], Tcp("x"))
            .Build());

        Assert.False(result.StatusOf("TrafficTarget", "default/no-rules").IsAccepted);
        Assert.False(result.StatusOf("TrafficTarget", "default/no-sources").IsAccepted);
    }

    [Fact]
    public void Compile_UnmeshedBackend_IsPlainAndReachable()
    {
        var mesh = new MeshBuilder()
            .Workload("default", "client", "client", "app=client")
            .Workload("legacy", "db", "db", "app=db", proxy: false)
            .Service("legacy", "db", "app=db");

        var config = MeshCompiler.Compile(mesh.Build()).For("default/client");

        var endpoint = config.Outbound.Clusters.Single(c => c.Id == "legacy/db:80").Endpoints.Single();
        Assert.Null(endpoint.InboundPort);
        Assert.Null(endpoint.Identity);
    }

    [Fact]
    public void Compile_IdentitiesComeFromServiceAccountsInMeshedNamespacesAndPods()
    {
        var mesh = new MeshBuilder { Mesh = new() { MeshUnlabelledNamespaces = false } }
            .Namespace("in", meshed: true)
            .Namespace("out")
            .ServiceAccount("in", "ready-before-pods")
            .ServiceAccount("out", "not-meshed")
            .Workload("out", "injected-anyway", "pod-sa", "app=x");

        var identities = MeshCompiler.Compile(mesh.Build()).Configs.Keys.Select(k => k.Key);

        Assert.Equal(["in/ready-before-pods", "out/pod-sa"], identities);
    }
}
