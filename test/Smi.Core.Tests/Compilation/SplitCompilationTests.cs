using Smi.Core.Compilation;
using Smi.Core.Diagnostics;
using Smi.Core.Tests.Builders;
using static Smi.Core.Tests.Builders.MeshBuilder;

namespace Smi.Core.Tests.Compilation;

public sealed class SplitCompilationTests
{
    // Split semantics are independent of access control: these meshes are permissive.
    private static MeshBuilder Canary() => new MeshBuilder()
        .Namespace("demo", permissive: true)
        .Workload("demo", "client", "client", "app=client")
        .Workload("demo", "web-v1", "web", "app=web,version=v1", replicas: 2)
        .Workload("demo", "web-v2", "web", "app=web,version=v2")
        .Service("demo", "web", "app=web")
        .Service("demo", "web-v1", "app=web,version=v1")
        .Service("demo", "web-v2", "app=web,version=v2");

    [Fact]
    public void Compile_Canary_NinetyTenReducedToNineOne()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "web", "web", ("web-v1", 90), ("web-v2", 10)).Build());

        var route = Assert.Single(result.For("demo/client").Port("demo/web", 80).Routes);
        Assert.Equal("split:demo/web", route.Name);
        Assert.Empty(route.Matches);
        Assert.Equal("web-v1.demo=9 web-v2.demo=1", route.Shares());
        Assert.True(result.StatusOf("TrafficSplit", "demo/web").IsAccepted);
    }

    [Fact]
    public void Compile_V1Alpha1Quantities_KeepRatios()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "web", "web", ("web-v1", 1m), ("web-v2", 0.5m)).Build());

        Assert.Equal("web-v1.demo=2 web-v2.demo=1", result.For("demo/client").Port("demo/web", 80).Routes[0].Shares());
    }

    [Fact]
    public void Compile_ClusterEndpoints_AreReadyPodsOnTargetPortWithIdentity()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "web", "web", ("web-v1", 90), ("web-v2", 10)).Build());

        var cluster = result.For("demo/client").Outbound.Clusters.Single(c => c.Id == "demo/web-v1:80");
        Assert.Equal(2, cluster.Endpoints.Length);
        Assert.All(cluster.Endpoints, e =>
        {
            Assert.Equal(8080, e.Port);
            Assert.Equal("demo/web", e.Identity);
            Assert.Equal(15006, e.InboundPort);
        });
    }

    [Fact]
    public void Compile_ZeroWeightBackend_LeftOutWithInfo()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "web", "web", ("web-v1", 100), ("web-v2", 0)).Build());

        Assert.Equal("web-v1.demo=1", result.For("demo/client").Port("demo/web", 80).Routes[0].Shares());
        Assert.Contains(Reasons.ZeroWeightBackend, result.Reasons("TrafficSplit", "demo/web"));
    }

    [Fact]
    public void Compile_ZeroTotalWeight_FallsBackToRootService()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "web", "web", ("web-v1", 0), ("web-v2", 0)).Build());

        var route = result.For("demo/client").Port("demo/web", 80).Routes.Single();
        Assert.Equal("web.demo=1", route.Shares());
        Assert.Equal("demo/web:80", route.Backends[0].Cluster);
        Assert.Contains(Reasons.ZeroTotalWeight, result.Reasons("TrafficSplit", "demo/web"));
        Assert.Contains(Reasons.FallbackToRootService, result.Reasons("TrafficSplit", "demo/web"));
    }

    [Fact]
    public void Compile_BackendWithoutEndpoints_DroppedAndRestRenormalised()
    {
        var mesh = Canary().Service("demo", "web-v3", "app=web,version=v3");
        var result = MeshCompiler.Compile(mesh.Split("demo", "web", "web", ("web-v1", 50), ("web-v2", 25), ("web-v3", 25)).Build());

        Assert.Equal("web-v1.demo=2 web-v2.demo=1", result.For("demo/client").Port("demo/web", 80).Routes[0].Shares());
        Assert.Contains(Reasons.BackendHasNoEndpoints, result.Reasons("TrafficSplit", "demo/web"));
    }

    [Fact]
    public void Compile_NoUsableBackend_RootServiceEndpointsNeverNowhere()
    {
        var mesh = new MeshBuilder()
            .Namespace("demo", permissive: true)
            .Workload("demo", "client", "client", "app=client")
            .Workload("demo", "web", "web", "app=web")
            .Service("demo", "web", "app=web")
            .Service("demo", "web-v9", "app=nothing");
        var result = MeshCompiler.Compile(mesh.Split("demo", "web", "web", ("web-v9", 1), ("missing", 1)).Build());

        var route = result.For("demo/client").Port("demo/web", 80).Routes.Single();
        Assert.Equal("demo/web:80", route.Backends.Single().Cluster);
        var status = result.StatusOf("TrafficSplit", "demo/web");
        Assert.False(status.Condition(ConditionTypes.ResolvedRefs).Status);
        Assert.Equal(Reasons.BackendNotFound, status.Condition(ConditionTypes.ResolvedRefs).Reason);
    }

    [Fact]
    public void Compile_BackendMissingRootPort_ExcludedForThatPortOnly()
    {
        // The spec's birds example: blue lacks 8080, so it only takes 9090 traffic.
        var mesh = new MeshBuilder()
            .Namespace("demo", permissive: true)
            .Workload("demo", "client", "client", "app=client")
            .Workload("demo", "blue", "birds", "app=birds,color=blue")
            .Workload("demo", "green", "birds", "app=birds,color=green", port: 8081)
            .Service("demo", "birds", "app=birds", port: 8080, targetPort: null, portName: "grpc", 9090)
            .Service("demo", "blue-birds", "app=birds,color=blue", port: 1234, targetPort: null, portName: "grpc", 9090)
            .Service("demo", "green-birds", "app=birds,color=green", port: 8080, targetPort: "8081", portName: "grpc", 9090)
            .Split("demo", "birds", "birds", ("blue-birds", 50), ("green-birds", 50));

        var result = MeshCompiler.Compile(mesh.Build());

        var client = result.For("demo/client");
        Assert.Equal("green-birds.demo=1", client.Port("demo/birds", 8080).Routes[0].Shares());
        Assert.Equal("blue-birds.demo=1 green-birds.demo=1", client.Port("demo/birds", 9090).Routes[0].Shares());
        Assert.Equal(8081, client.Outbound.Clusters.Single(c => c.Id == "demo/green-birds:8080").Endpoints.Single().Port);
        Assert.Contains(Reasons.BackendPortMismatch, result.Reasons("TrafficSplit", "demo/birds"));
    }

    [Fact]
    public void Compile_SelfReferential_Warns()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "web", "web", ("web", 1), ("web-v2", 1)).Build());

        Assert.Contains(Reasons.SelfReferential, result.Reasons("TrafficSplit", "demo/web"));
        Assert.Equal("web.demo=1 web-v2.demo=1", result.For("demo/client").Port("demo/web", 80).Routes[0].Shares());
    }

    [Fact]
    public void Compile_Matches_ConditionalRouteFirstThenRootService()
    {
        var mesh = Canary()
            .RouteGroup("demo", "firefox", Match("firefox", headers: ("User-Agent", ".*Firefox.*")))
            .Split("demo", "ab", "web", ["firefox"], ("web-v1", 0), ("web-v2", 100));

        var routes = MeshCompiler.Compile(mesh.Build()).For("demo/client").Port("demo/web", 80).Routes;

        Assert.Equal(2, routes.Length);
        Assert.Equal("split:demo/ab", routes[0].Name);
        var header = Assert.Single(Assert.Single(routes[0].Matches).Headers);
        Assert.Equal("user-agent", header.Name);
        Assert.Equal("^(?:.*Firefox.*)$", header.ValueRegex);
        Assert.Equal("web-v2.demo=1", routes[0].Shares());
        Assert.Equal("default", routes[1].Name);
        Assert.Equal("demo/web:80", routes[1].Backends.Single().Cluster);
    }

    [Fact]
    public void Compile_MatchesOverSeveralGroups_AreOred()
    {
        var mesh = Canary()
            .RouteGroup("demo", "a", Match("api", path: "/api"))
            .RouteGroup("demo", "b", Match("get", methods: ["GET"]), Match("head", methods: ["HEAD"]))
            .Split("demo", "ab", "web", ["a", "b"], ("web-v2", 1));

        var route = MeshCompiler.Compile(mesh.Build()).For("demo/client").Port("demo/web", 80).Routes[0];

        Assert.Equal(3, route.Matches.Length);
        Assert.Equal("^(?:/api)", route.Matches.Single(m => m.Origin.EndsWith("#api", StringComparison.Ordinal)).PathRegex);
    }

    [Fact]
    public void Compile_MatchesThatDoNotResolve_SplitAppliesToNothing()
    {
        var mesh = Canary().Split("demo", "ab", "web", ["missing"], ("web-v2", 1));

        var result = MeshCompiler.Compile(mesh.Build());

        var route = Assert.Single(result.For("demo/client").Port("demo/web", 80).Routes);
        Assert.Equal("default", route.Name);
        Assert.Equal(Reasons.RouteNotFound, result.StatusOf("TrafficSplit", "demo/ab").Condition(ConditionTypes.ResolvedRefs).Reason);
    }

    [Fact]
    public void Compile_TwoUnconditionalSplitsOnOneRoot_OlderWinsOtherRejected()
    {
        var result = MeshCompiler.Compile(Canary()
            .Split("demo", "b-split", "web", ("web-v2", 1))
            .Split("demo", "a-split", "web", ("web-v1", 1))
            .Build());

        var route = Assert.Single(result.For("demo/client").Port("demo/web", 80).Routes);
        Assert.Equal("split:demo/a-split", route.Name);
        var rejected = result.StatusOf("TrafficSplit", "demo/b-split").Condition(ConditionTypes.Accepted);
        Assert.False(rejected.Status);
        Assert.Equal(Reasons.Conflict, rejected.Reason);
        Assert.Contains("demo/a-split", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ConditionalAndUnconditionalSplits_Compose()
    {
        var mesh = Canary()
            .RouteGroup("demo", "canary-header", Match("h", headers: ("x-canary", "true")))
            .Split("demo", "header", "web", ["canary-header"], ("web-v2", 1))
            .Split("demo", "web", "web", ("web-v1", 9), ("web-v2", 1));

        var routes = MeshCompiler.Compile(mesh.Build()).For("demo/client").Port("demo/web", 80).Routes;

        Assert.Equal(["split:demo/header", "split:demo/web"], routes.Select(r => r.Name));
    }

    [Fact]
    public void Compile_OlderUnconditionalSplit_DoesNotShadowNewerSplitWithMatches()
    {
        var older = new Smi.Api.Model.TrafficSplit
        {
            Metadata = new Smi.Api.Model.ObjectMeta { Name = "web", Namespace = "demo", CreationTimestamp = DateTimeOffset.UnixEpoch },
            SourceApiVersion = "split.smi-spec.io/v1alpha4",
            Service = "web",
            Backends = [new Smi.Api.Model.TrafficSplitBackend("web-v1", 1)],
        };
        var newer = new Smi.Api.Model.TrafficSplit
        {
            Metadata = new Smi.Api.Model.ObjectMeta { Name = "canary-header", Namespace = "demo", CreationTimestamp = DateTimeOffset.UnixEpoch.AddDays(1) },
            SourceApiVersion = "split.smi-spec.io/v1alpha4",
            Service = "web",
            Matches = [new Smi.Api.Model.TypedLocalReference("HTTPRouteGroup", "canary")],
            Backends = [new Smi.Api.Model.TrafficSplitBackend("web-v2", 1)],
        };
        var mesh = Canary().RouteGroup("demo", "canary", Match("h", headers: ("x-canary", "true"))).Add(older).Add(newer);

        var routes = MeshCompiler.Compile(mesh.Build()).For("demo/client").Port("demo/web", 80).Routes;

        Assert.Equal(["split:demo/canary-header", "split:demo/web"], routes.Select(r => r.Name));
    }

    [Fact]
    public void Compile_RootServiceMissing_Rejected()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "ghost", "nope", ("web-v1", 1)).Build());

        var accepted = result.StatusOf("TrafficSplit", "demo/ghost").Condition(ConditionTypes.Accepted);
        Assert.False(accepted.Status);
        Assert.Equal(Reasons.RootServiceNotFound, accepted.Reason);
    }

    [Fact]
    public void Compile_NegativeWeight_RejectedAndRootServed()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "web", "web", ("web-v1", -1), ("web-v2", 1)).Build());

        Assert.Equal(Reasons.Invalid, result.StatusOf("TrafficSplit", "demo/web").Condition(ConditionTypes.Accepted).Reason);
        Assert.Equal("default", result.For("demo/client").Port("demo/web", 80).Routes.Single().Name);
    }

    [Fact]
    public void Compile_BackendServesApex_InboundListsApexService()
    {
        var result = MeshCompiler.Compile(Canary().Split("demo", "web", "web", ("web-v1", 90), ("web-v2", 10)).Build());

        var inbound = result.For("demo/web").Inbound.Services;
        Assert.Equal(["web", "web-v1", "web-v2"], inbound.Select(s => s.Name));
        Assert.Equal(["web"], inbound.Single(s => s.Name == "web-v2").ApexServices);
        Assert.Equal(8080, inbound[0].Ports.Single().TargetPort);
    }
}
