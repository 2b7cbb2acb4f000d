using Smi.Api.Model;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Core.Diagnostics;
using Smi.Core.Tests.Builders;
using Smi.ProxyConfig;
using static Smi.Core.Tests.Builders.MeshBuilder;

namespace Smi.Core.Tests.Compilation;

public sealed class PolicyCompilationTests
{
    private static MeshBuilder Mesh() => new MeshBuilder()
        .Namespace("demo", permissive: true)
        .Workload("demo", "client", "client", "app=client")
        .Workload("demo", "web", "web", "app=web", replicas: 2)
        .Workload("demo", "shadow", "shadow", "app=shadow")
        .Service("demo", "web", "app=web", extraPorts: 9090)
        .Service("demo", "web-shadow", "app=shadow", extraPorts: 9090)
        .RouteGroup("demo", "web-routes", Match("api", path: "/api"), Match("admin", path: "/admin"));

    [Fact]
    public void Compile_ServicePolicy_OutboundPolicyOnEveryHttpPortWithMirrorCluster()
    {
        var result = MeshCompiler.Compile(Mesh().Policy("demo", "p", "web", p => p with
        {
            Mirror = new PolicyMirror("web-shadow", null, 10, null),
            Faults = new PolicyFaults(new PolicyDelayFault(5, "500ms"), new PolicyAbortFault(1, 503)),
            Timeouts = new PolicyTimeouts("5s", "1s"),
            Retries = new PolicyRetries(3, 20),
        }).Build());

        var config = result.For("demo/client");
        var policy = Assert.Single(config.Port("demo/web", 80).Policies);
        Assert.Equal(["TrafficPolicy demo/p"], policy.Origins);
        Assert.Empty(policy.Matches);
        Assert.Equal(new MirrorPolicy(new ServiceKey("demo", "web-shadow"), "demo/web-shadow:80", 10, 32), policy.Mirror);
        Assert.Equal(new DelayFault(5, 500), policy.Fault!.Delay);
        Assert.Equal(new AbortFault(1, 503), policy.Fault.Abort);
        Assert.Equal((5000, 1000, 3), (policy.Resilience!.RequestTimeoutMs!.Value, policy.Resilience.ConnectTimeoutMs!.Value, policy.Resilience.RetryAttempts!.Value));
        Assert.Equal(20, policy.RetryBudgetPercent);
        Assert.Equal("demo/web-shadow:9090", Assert.Single(config.Port("demo/web", 9090).Policies).Mirror!.Cluster);
        Assert.Contains(config.Outbound.Clusters, c => c.Id == "demo/web-shadow:80");
        Assert.True(result.StatusOf("TrafficPolicy", "demo/p").IsAccepted);
        Assert.True(result.StatusOf("TrafficPolicy", "demo/p").Condition(ConditionTypes.ResolvedRefs).Status);
        Assert.Empty(ProxyConfigValidator.Validate(config));
    }

    [Fact]
    public void Compile_Precedence_MatchesOverPortOverServicePerField()
    {
        var result = MeshCompiler.Compile(Mesh()
            .Policy("demo", "service", "web", p => p with { Timeouts = new PolicyTimeouts("10s", "2s"), Retries = new PolicyRetries(1, null) })
            .Policy("demo", "port", "web", p => p with { Port = 80, Timeouts = new PolicyTimeouts("7s", null) })
            .Policy("demo", "api", "web", p => p with { Matches = [new PolicyRouteMatch(SmiKinds.HttpRouteGroup, "web-routes", ["api"])], Timeouts = new PolicyTimeouts("1s", null) })
            .Build());

        var policies = result.For("demo/client").Port("demo/web", 80).Policies;
        Assert.Equal(2, policies.Length);
        var api = policies[0];
        Assert.Equal("HTTPRouteGroup demo/web-routes#api", Assert.Single(api.Matches).Origin);
        Assert.Equal((1000, 2000, 1), (api.Resilience!.RequestTimeoutMs!.Value, api.Resilience.ConnectTimeoutMs!.Value, api.Resilience.RetryAttempts!.Value));
        Assert.Equal(["TrafficPolicy demo/api", "TrafficPolicy demo/service"], api.Origins);
        var rest = policies[1];
        Assert.Empty(rest.Matches);
        Assert.Equal((7000, 2000), (rest.Resilience!.RequestTimeoutMs!.Value, rest.Resilience.ConnectTimeoutMs!.Value));
        Assert.Equal(["TrafficPolicy demo/port", "TrafficPolicy demo/service"], rest.Origins);

        // Port 9090 gets the match policy (it has no port) and the Service's, not the port-80 one.
        var other = result.For("demo/client").Port("demo/web", 9090).Policies;
        Assert.Equal([1000, 10_000], other.Select(p => p.Resilience!.RequestTimeoutMs!.Value));
        Assert.Equal(["TrafficPolicy demo/service"], other[1].Origins);
    }

    [Fact]
    public void Compile_SameScopeSameField_OlderWinsYoungerConflicted()
    {
        var result = MeshCompiler.Compile(Mesh()
            .Policy("demo", "young", "web", p => p with { LoadBalancing = "Random", AccessLog = true }, age: 5)
            .Policy("demo", "old", "web", p => p with { LoadBalancing = "LeastRequests" }, age: 1)
            .Build());

        var cluster = result.For("demo/client").Outbound.Clusters.Single(c => c.Id == "demo/web:80");
        Assert.Equal("LeastRequests", cluster.Resilience!.LoadBalancing);
        var accepted = result.StatusOf("TrafficPolicy", "demo/young").Condition(ConditionTypes.Accepted);
        Assert.False(accepted.Status);
        Assert.Equal(Reasons.Conflicted, accepted.Reason);
        Assert.Contains("spec.loadBalancing is also set by TrafficPolicy demo/old", accepted.Message, StringComparison.Ordinal);
        Assert.True(result.StatusOf("TrafficPolicy", "demo/old").IsAccepted);

        // The loser's other fields still apply.
        Assert.True(Assert.Single(result.For("demo/client").Port("demo/web", 80).Policies).AccessLog);
    }

    [Fact]
    public void Compile_DifferentSpecificity_NoConflict()
    {
        var result = MeshCompiler.Compile(Mesh()
            .Policy("demo", "a", "web", p => p with { LoadBalancing = "Random" })
            .Policy("demo", "b", "web", p => p with { Port = 80, LoadBalancing = "RoundRobin" })
            .Build());

        var clusters = result.For("demo/client").Outbound.Clusters;
        Assert.Equal("RoundRobin", clusters.Single(c => c.Id == "demo/web:80").Resilience!.LoadBalancing);
        Assert.Equal("Random", clusters.Single(c => c.Id == "demo/web:9090").Resilience!.LoadBalancing);
        Assert.True(result.StatusOf("TrafficPolicy", "demo/a").IsAccepted);
        Assert.True(result.StatusOf("TrafficPolicy", "demo/b").IsAccepted);
    }

    [Theory]
    [InlineData("target", Reasons.TargetNotFound)]
    [InlineData("port", Reasons.PortNotFound)]
    [InlineData("group", Reasons.RouteNotFound)]
    [InlineData("match", Reasons.MatchNotFound)]
    [InlineData("mirror", Reasons.MirrorNotFound)]
    [InlineData("mirror-port", Reasons.MirrorNotFound)]
    public void Compile_UnresolvedReference_ResolvedRefsFalseAndNotApplied(string broken, string reason)
    {
        var result = MeshCompiler.Compile(Mesh().Policy("demo", "p", broken == "target" ? "nope" : "web", p => p with
        {
            Port = broken == "port" ? 1234 : null,
            Matches = broken switch
            {
                "group" => [new PolicyRouteMatch(SmiKinds.HttpRouteGroup, "missing", [])],
                "match" => [new PolicyRouteMatch(SmiKinds.HttpRouteGroup, "web-routes", ["nope"])],
                _ => [],
            },
            Mirror = new PolicyMirror(broken == "mirror" ? "ghost" : "web-shadow", broken == "mirror-port" ? 7777 : null, 50, null),
        }).Build());

        var resolved = result.StatusOf("TrafficPolicy", "demo/p").Condition(ConditionTypes.ResolvedRefs);
        Assert.False(resolved.Status);
        Assert.Equal(reason, resolved.Reason);
        Assert.Contains("not applied", resolved.Message, StringComparison.Ordinal);
        Assert.Empty(result.For("demo/client").Port("demo/web", 80).Policies);
    }

    [Fact]
    public void Compile_InvalidPolicy_RejectedAndNotApplied()
    {
        var result = MeshCompiler.Compile(Mesh().Policy("demo", "p", "web", p => p with { Retries = new PolicyRetries(99, null) }).Build());

        var accepted = result.StatusOf("TrafficPolicy", "demo/p").Condition(ConditionTypes.Accepted);
        Assert.Equal(Reasons.Invalid, accepted.Reason);
        Assert.Contains("spec.retries.attempts", accepted.Message, StringComparison.Ordinal);
        Assert.Empty(result.For("demo/client").Port("demo/web", 80).Policies);
    }

    [Fact]
    public void Compile_RateLimits_OnTheServingIdentitysInboundOnly()
    {
        var result = MeshCompiler.Compile(Mesh().Policy("demo", "p", "web", p => p with
        {
            RateLimits = [new PolicyRateLimit(100, "1s", null, null, [new IdentityReference(SmiKinds.ServiceAccount, "client", null)]), new PolicyRateLimit(1000, "1h", 50, false, [])],
        }).Build());

        var inbound = Assert.Single(result.For("demo/web").Inbound.Services, s => s.Name == "web");
        var policy = Assert.Single(inbound.Policies);
        Assert.Equal(["TrafficPolicy demo/p"], policy.Origins);
        Assert.Equal(
            ["demo/p#0 demo/client per-source 100/1000ms burst 100", "demo/p#1  shared 1000/3600000ms burst 50"],
            policy.RateLimits.Select(r => $"{r.Id} {string.Join(",", r.Sources)} {(r.PerSource ? "per-source" : "shared")} {r.Requests}/{r.PeriodMs}ms burst {r.Burst}"));
        Assert.Empty(result.For("demo/client").Port("demo/web", 80).Policies);
        Assert.All(result.For("demo/client").Inbound.Services, s => Assert.Empty(s.Policies));
    }

    [Fact]
    public void Compile_AccessLogSwitches_NamespaceAnnotationAndMeshFlag()
    {
        var mesh = Mesh();
        mesh.Namespace("logged");
        var snapshot = mesh.ServiceAccount("logged", "app").ServiceAccount("demo", "other").Build();
        var labelled = snapshot with
        {
            Namespaces = [.. snapshot.Namespaces.Select(n => n.Name == "logged" ? n with { Annotations = n.Annotations.Add(MeshConventions.AccessLogKey, "true") } : n)],
        };

        var result = MeshCompiler.Compile(labelled);
        Assert.True(result.For("logged/app").AccessLog);
        Assert.False(result.For("demo/other").AccessLog);

        var meshWide = MeshCompiler.Compile(labelled with { Mesh = labelled.Mesh with { AccessLog = true } });
        Assert.True(meshWide.For("demo/other").AccessLog);
    }

    [Fact]
    public void Compile_LoadBalancingOnMatchPolicy_IgnoredWithWarning()
    {
        var result = MeshCompiler.Compile(Mesh().Policy("demo", "p", "web", p => p with
        {
            Matches = [new PolicyRouteMatch(SmiKinds.HttpRouteGroup, "web-routes", [])],
            LoadBalancing = "Random",
        }).Build());

        Assert.Contains(Reasons.Ignored, result.Reasons("TrafficPolicy", "demo/p"));
        Assert.Null(result.For("demo/client").Outbound.Clusters.Single(c => c.Id == "demo/web:80").Resilience);
    }

    [Fact]
    public void Compile_PolicyChange_IncrementalEqualsFull()
    {
        var compiler = new IncrementalMeshCompiler();
        var first = Mesh().Policy("demo", "p", "web", p => p with { Timeouts = new PolicyTimeouts("5s", null) }).Build();
        _ = compiler.Compile(first);
        var changed = first with { TrafficPolicies = [first.TrafficPolicies[0] with { Timeouts = new PolicyTimeouts("6s", null) }] };

        var incremental = compiler.Compile(changed);
        var full = MeshCompiler.Compile(changed);

        Assert.Equal(full.Configs.Values.Select(c => c.Revision), incremental.Configs.Values.Select(c => c.Revision));
        Assert.Equal(6000, Assert.Single(incremental.For("demo/client").Port("demo/web", 80).Policies).Resilience!.RequestTimeoutMs);

        var removed = compiler.Compile(changed with { TrafficPolicies = [] });
        Assert.Empty(removed.For("demo/client").Port("demo/web", 80).Policies);
    }
}
