using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Telemetry;

public sealed class TracingTests
{
    [Fact]
    public async Task Tracing_Enabled_ContinuesTheCallersTraceWithTheProxysSpan()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");

        // Nothing listens there: spans are exported in the background and dropped, requests are unaffected.
        var config = new ConfigBuilder(MeshPair.ClientIdentity).PlainService("web", 80, ConfigBuilder.Plain(web)).Build();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, config, customize: o => o with { OtlpEndpoint = new Uri("http://127.0.0.1:9") });
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        const string callerSpan = "b7ad6b7169203331";

        using var request = new HttpRequestMessage(HttpMethod.Get, "http://web.demo/");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{callerSpan}-01");
        using var response = await proxy.Client.SendAsync(request, TestContext.Current.CancellationToken).WithTimeout();

        var forwarded = (await EchoReply.ReadAsync(response)).Headers["traceparent"].Split('-');
        Assert.Equal(traceId, forwarded[1]);
        Assert.NotEqual(callerSpan, forwarded[2]);
    }
}
