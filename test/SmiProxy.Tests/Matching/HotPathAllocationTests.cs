using Microsoft.AspNetCore.Http;
using Smi.ProxyConfig;
using SmiProxy.Configuration;
using SmiProxy.Matching;
using SmiProxy.Settings;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Matching;

/// <summary>The request path's decisions (access, route, policy entries) allocate nothing once the config is compiled.</summary>
public sealed class HotPathAllocationTests
{
    private static readonly SidecarProxyOptions Options = new() { ConfigDirectory = "/unused" };

    [Fact]
    public void Decide_AllowedAndMatchedRequests_AllocateNothing()
    {
        var api = ConfigBuilder.Match("HTTPRouteGroup demo/r#api", "^(?:/api)", ["GET", "POST"], new HeaderCondition("user-agent", "^(?:.*Firefox.*)$"));
        var builder = new ConfigBuilder("demo", "web").Serves("web", 80, 8080);
        var config = builder
            // Rules are evaluated in origin order: the request fails the first (known caller, other route) and passes the second.
            .Allow("TrafficTarget demo/a-metrics", ["demo/client"], [8080], ConfigBuilder.Match("HTTPRouteGroup demo/r#metrics", "^(?:/metrics)", ["GET"]))
            .Allow("TrafficTarget demo/b-api", ["demo/client"], [8080], api)
            .Cluster("web-v2", 80)
            .Cluster("web", 80)
            .Service("web", 80, null, ConfigBuilder.Route("split:demo/canary", api, builder.Backend("web-v2", 80, 1)), ConfigBuilder.Route("default", builder.Backend("web", 80, 1)))
            .Build();
        var compiled = ConfigCompiler.Compile(config, config.Revision, "test", null, Options, DateTimeOffset.UnixEpoch);
        var routes = compiled.Outbound.Services[0].Ports[80].Routes;
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/items";
        context.Request.Headers.UserAgent = "Mozilla Firefox/120";

        var allowed = 0;
        void Run()
        {
            allowed += compiled.Access.Decide("demo/client", 8080, context.Request).Allowed ? 1 : 0;
            allowed += routes[0].IsMatch(context.Request) ? 1 : 0;
            allowed += routes[1].IsMatch(context.Request) ? 1 : 0;
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(3 * 1001, allowed);
    }
}
