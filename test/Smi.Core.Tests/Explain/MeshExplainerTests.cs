using System.Collections.Immutable;
using Smi.Core.Compilation;
using Smi.Core.Explain;
using Smi.Core.Tests.Builders;
using Smi.ProxyConfig;
using static Smi.Core.Tests.Builders.MeshBuilder;

namespace Smi.Core.Tests.Explain;

public sealed class MeshExplainerTests
{
    private static MeshBuilder Mesh() => new MeshBuilder()
        .Workload("demo", "client", "client", "app=client")
        .Workload("demo", "web-v1", "web-v1", "app=web,version=v1", replicas: 2)
        .Workload("demo", "web-v2", "web-v2", "app=web,version=v2")
        .Service("demo", "web", "app=web")
        .Service("demo", "web-v1", "app=web,version=v1")
        .Service("demo", "web-v2", "app=web,version=v2")
        .TcpRoute("demo", "all");

    private static ExplainReport Explain(MeshBuilder mesh, string from, string to, string path = "/", string method = "GET", params (string, string)[] headers)
    {
        Assert.True(ProxyIdentity.TryParse(from, out var caller));
        var result = MeshCompiler.Compile(mesh.Build());
        return MeshExplainer.Explain(result, new ExplainRequest(caller, to, method, path, headers.ToImmutableDictionary(h => h.Item1, h => h.Item2)));
    }

    [Fact]
    public void Explain_NoTrafficTarget_DeniedWithReason()
    {
        var report = Explain(Mesh().Split("demo", "web", "web", ("web-v1", 9), ("web-v2", 1)), "demo/client", "web");

        Assert.False(report.Allowed);
        Assert.StartsWith("denied: no TrafficTarget allows demo/client -> demo/web-", report.Summary, StringComparison.Ordinal);
        Assert.Equal("split:demo/web", report.Route!.Name);
    }

    [Fact]
    public void Explain_Allowed_ListsSharesEndpointsAndTheTargetResponsible()
    {
        var mesh = Mesh()
            .Split("demo", "web", "web", ("web-v1", 9), ("web-v2", 1))
            .Target("demo", "to-v1", "web-v1", ["client"], Tcp("all"))
            .Target("demo", "to-v2", "web-v2", ["client"], Tcp("all"));

        var report = Explain(mesh, "demo/client", "web.demo.svc.cluster.local:80");

        Assert.True(report.Allowed, report.Summary);
        Assert.Equal([0.9, 0.1], report.Backends.Select(b => Math.Round(b.Share, 2)));
        Assert.Equal(2, report.Backends[0].Endpoints.Length);
        Assert.Equal("allowed by TrafficTarget demo/to-v1", report.Backends[0].Access.Single().Verdict.Reason);
    }

    [Fact]
    public void Explain_OneBackendDenied_PartlyDenied()
    {
        var mesh = Mesh()
            .Split("demo", "web", "web", ("web-v1", 9), ("web-v2", 1))
            .Target("demo", "to-v1", "web-v1", ["client"], Tcp("all"));

        var report = Explain(mesh, "demo/client", "web");

        Assert.False(report.Allowed);
        Assert.StartsWith("partly denied: web-v2.demo", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_HeaderRoute_SkippedWithReasonOrMatched()
    {
        var mesh = Mesh()
            .Namespace("demo", permissive: true)
            .RouteGroup("demo", "firefox", Match("firefox", headers: ("user-agent", ".*Firefox.*")))
            .Split("demo", "ab", "web", ["firefox"], ("web-v2", 1));

        var curl = Explain(mesh, "demo/client", "web", headers: ("User-Agent", "curl/8"));
        var firefox = Explain(mesh, "demo/client", "web", headers: ("User-Agent", "Mozilla/5.0 Firefox/120"));

        Assert.Equal("default", curl.Route!.Name);
        var (route, reason) = Assert.Single(curl.SkippedRoutes);
        Assert.Equal("split:demo/ab", route);
        Assert.Contains("header user-agent \"curl/8\" does not match", reason, StringComparison.Ordinal);
        Assert.Equal("split:demo/ab", firefox.Route!.Name);
        Assert.Equal("HTTPRouteGroup demo/firefox#firefox", firefox.MatchedBy);
    }

    [Fact]
    public void Explain_PathSpecificRule_NamesTheRuleThatKnowsTheCaller()
    {
        var mesh = Mesh()
            .RouteGroup("demo", "routes", Match("metrics", path: "/metrics", methods: ["GET"]))
            .Target("demo", "scrape", "web-v1", ["client"], Http("routes", "metrics"));

        var allowed = Explain(mesh, "demo/client", "web-v1", "/metrics");
        var denied = Explain(mesh, "demo/client", "web-v1", "/admin", "POST");

        Assert.True(allowed.Allowed);
        Assert.False(denied.Allowed);
        Assert.Contains("TrafficTarget demo/scrape allows demo/client only for its routes", denied.Summary, StringComparison.Ordinal);
        Assert.Contains("method POST is not GET", denied.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo/nobody", "web", "demo/nobody is not a proxy identity")]
    [InlineData("demo/client", "web:8080", "has no port 8080")]
    [InlineData("demo/client", "nothing.demo", "is not a service of the mesh (no such Service)")]
    [InlineData("demo/client", "a.b.c.d.e", "is not a service address")]
    public void Explain_Undeliverable_SaysWhy(string from, string to, string expected)
    {
        var report = Explain(Mesh().Namespace("demo", permissive: true), from, to);

        Assert.False(report.Allowed);
        Assert.Contains(expected, report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_TrafficPolicies_CallerClusterAndDestinationSides()
    {
        var mesh = Mesh()
            .Namespace("demo", permissive: true)
            .RouteGroup("demo", "routes", Match("api", path: "/api"))
            .Policy("demo", "web", "web-v1", p => p with
            {
                LoadBalancing = "RoundRobin",
                Faults = new Smi.Api.Model.PolicyFaults(null, new Smi.Api.Model.PolicyAbortFault(5, 503)),
                RateLimits = [new Smi.Api.Model.PolicyRateLimit(5, "1s", null, null, [new Smi.Api.Model.IdentityReference("ServiceAccount", "client", null)]), new Smi.Api.Model.PolicyRateLimit(1, "1s", null, null, [new Smi.Api.Model.IdentityReference("ServiceAccount", "other", null)])],
            })
            .Policy("demo", "api", "web-v1", p => p with
            {
                Matches = [new Smi.Api.Model.PolicyRouteMatch("HTTPRouteGroup", "routes", [])],
                Timeouts = new Smi.Api.Model.PolicyTimeouts("2s", null),
            });

        var api = Explain(mesh, "demo/client", "web-v1", "/api/x");
        var root = Explain(mesh, "demo/client", "web-v1", "/");

        Assert.Equal(["TrafficPolicy demo/api", "TrafficPolicy demo/web"], api.Policy!.Origins);
        Assert.Equal(2000, api.Policy.Resilience!.RequestTimeoutMs);
        Assert.Equal(new AbortFault(5, 503), api.Policy.Fault!.Abort);
        Assert.Null(root.Policy!.Resilience);
        Assert.Equal(("demo/web-v1:80", "RoundRobin"), (root.ClusterPolicies.Single().Cluster, root.ClusterPolicies.Single().Resilience.LoadBalancing));
        var inbound = Assert.Single(root.InboundPolicies);
        Assert.Equal("demo/web-v1", inbound.Identity);
        Assert.Equal(["demo/web#0"], inbound.Limits.Select(l => l.Id));
    }
}
