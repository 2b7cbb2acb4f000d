using Smi.ProxyConfig;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Routing;

public sealed class BlueGreenTests
{
    [Fact]
    public async Task Flip_HundredZeroToZeroHundred_MovesAllTrafficWithZeroFailuresUnderLoad()
    {
        await using var mesh = new TestMesh();
        var blue = await mesh.StartAppAsync("web-blue");
        var green = await mesh.StartAppAsync("web-green");

        // Zero-weight backends are left out of a route (the contract's rule), so 100/0 lists blue alone.
        MeshProxyConfig Config(bool toGreen)
        {
            var builder = new ConfigBuilder(MeshPair.ClientIdentity)
                .Cluster("web-blue", 80, ConfigBuilder.Plain(blue))
                .Cluster("web-green", 80, ConfigBuilder.Plain(green));
            var backend = toGreen ? builder.Backend("web-green", 80, 1) : builder.Backend("web-blue", 80, 1);
            return builder.Service("web", 80, null, ConfigBuilder.Route("split:demo/web", backend)).Build();
        }

        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, Config(toGreen: false));
        using var load = new LoadGenerator(proxy.Client, "http://web.demo/", workers: 6);
        await load.RunForAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, green.Requests);

        await proxy.ApplyAsync(Config(toGreen: true));
        var blueAtSwitch = blue.Requests;
        await load.RunForAsync(TimeSpan.FromMilliseconds(300));
        var result = await load.StopAsync();

        Assert.Empty(result.Failures);
        Assert.True(green.Requests > 50, $"green got {green.Requests} requests");

        // In-flight requests at the swap may still finish on blue; nothing new starts there.
        Assert.InRange(blue.Requests - blueAtSwitch, 0, 6);
    }
}
