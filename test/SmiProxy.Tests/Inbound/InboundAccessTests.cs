using Microsoft.AspNetCore.Http;
using SmiProxy.Configuration;
using SmiProxy.Matching;
using SmiProxy.Settings;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Inbound;

public sealed class InboundAccessTests
{
    private static readonly SidecarProxyOptions Options = new() { ConfigDirectory = "/unused" };

    [Fact]
    public void Decide_RuleSemantics_SourceAndPortAndAnyMatch()
    {
        var config = new ConfigBuilder("demo", "web")
            .Serves("web", 80, 8080)
            .Allow(
                "TrafficTarget demo/t",
                ["demo/client"],
                [8080],
                ConfigBuilder.Match("HTTPRouteGroup demo/r#metrics", "^(?:/metrics)", ["GET"]),
                ConfigBuilder.Match("HTTPRouteGroup demo/r#ff", headers: new Smi.ProxyConfig.HeaderCondition("user-agent", "^(?:.*Firefox.*)$")))
            .Build();
        var access = ConfigCompiler.Compile(config, config.Revision, "test", null, Options, DateTimeOffset.UnixEpoch).Access;

        Assert.True(access.Decide("demo/client", 8080, Request("GET", "/metrics/x")).Allowed);
        Assert.True(access.Decide("demo/client", 8080, Request("POST", "/anything", ("User-Agent", "Mozilla Firefox"))).Allowed);
        Assert.False(access.Decide("demo/client", 8080, Request("POST", "/metrics")).Allowed);
        Assert.False(access.Decide("demo/client", 9090, Request("GET", "/metrics")).Allowed);
        Assert.False(access.Decide("demo/other", 8080, Request("GET", "/metrics")).Allowed);
        Assert.False(access.Decide(null, 8080, Request("GET", "/metrics")).Allowed);
    }

    [Fact]
    public void Decide_RuleWithoutPortsOrMatches_AllowsEverythingFromSource()
    {
        var config = new ConfigBuilder("demo", "web").Serves("web", 80, 8080).Allow("TrafficTarget demo/all", ["demo/client"]).Build();
        var access = ConfigCompiler.Compile(config, config.Revision, "test", null, Options, DateTimeOffset.UnixEpoch).Access;

        Assert.True(access.Decide("demo/client", 1234, Request("DELETE", "/x")).Allowed);
    }

    [Fact]
    public void Decide_UdpOnlyRule_AdmitsNoHttp()
    {
        var config = new ConfigBuilder("demo", "web").Serves("web", 80, 8080).Build();
        config = config with { Inbound = config.Inbound with { Rules = [new Smi.ProxyConfig.AccessRule { Origin = "TrafficTarget demo/udp", Sources = ["demo/client"], UdpPorts = [53], UdpOnly = true }] } };
        var access = ConfigCompiler.Compile(config, "r", "test", null, Options, DateTimeOffset.UnixEpoch).Access;

        Assert.False(access.Decide("demo/client", 8080, Request("GET", "/")).Allowed);
    }

    [Fact]
    public void Decide_Permissive_AllowsAnonymous()
    {
        var config = new ConfigBuilder("demo", "web").Serves("web", 80, 8080).Permissive().Build();
        var access = ConfigCompiler.Compile(config, config.Revision, "test", null, Options, DateTimeOffset.UnixEpoch).Access;

        Assert.True(access.Decide(null, 8080, Request("GET", "/")).Allowed);
    }

    [Fact]
    public void FindByHost_ApexAndOwnServiceNames_Resolve()
    {
        var config = new ConfigBuilder("demo", "web").Serves("web-v2", 80, 8080, "web.demo").Build();
        var served = ConfigCompiler.Compile(config, config.Revision, "test", null, Options, DateTimeOffset.UnixEpoch).Inbound;

        Assert.Equal("web.demo", served.FindByHost("web.demo.svc.cluster.local:80")?.Key);
        Assert.Equal("web-v2.demo", served.FindByHost("web-v2")?.Key);
        Assert.Equal("web.demo", served.ApexByService["web-v2.demo"].Key);
        Assert.Null(served.FindByHost("other.demo"));
    }

    private static HttpRequest Request(string method, string path, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }
}
