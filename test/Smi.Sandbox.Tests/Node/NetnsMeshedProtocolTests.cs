using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Smi.Sandbox.Echo.V1;

namespace Smi.Sandbox.Tests.Node;

/// <summary>
/// gRPC and WebSockets across the mesh on the netns node: a meshed client calls Service web, split
/// 50/50 between web-v1 and web-v2 by a TrafficSplit, through the iptables interception, its
/// sidecar, mTLS and the backends' sidecars: h2c from the app, HTTP/2 over mTLS between the proxies,
/// h2c to the backend's app, trailers (grpc-status) and streams carried. The HTTP/1.1 control shows
/// the harness and the split work through the mesh. Needs root; skipped elsewhere.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NetnsMeshedProtocolTests(MeshedSplitSandbox fixture) : IClassFixture<MeshedSplitSandbox>
{
    private const int Calls = 200;
    private const string ClientId = "spiffe://cluster.local/ns/demo/sa/client";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private NetnsRun Sandbox
    {
        get
        {
            Assert.SkipWhen(fixture.Run is null, NetnsRun.Unsupported ?? string.Empty);
            return fixture.Run!;
        }
    }

    [Fact]
    public async Task Http1_Control_AcrossTheMesh_SplitFiftyFifty()
    {
        using var http = Sandbox.From("client-0").Http();
        var pods = new List<string>();
        for (var i = 0; i < Calls; i++)
        {
            using var response = await http.GetAsync(new Uri("http://web.demo/split"), TestContext.Current.CancellationToken).WaitAsync(Timeout);
            var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"call {i}: {(int)response.StatusCode} {raw}");
            using var body = JsonDocument.Parse(raw);
            pods.Add(body.RootElement.GetProperty("pod").GetString()!);
        }

        AssertFiftyFifty(pods);
    }

    [Fact]
    public async Task Grpc_Unary_AcrossTheMesh_SplitFiftyFifty_CallerIdentityForwarded()
    {
        using var channel = Sandbox.From("client-0").Grpc("http://web.demo:9090");
        var client = new Echo.V1.Echo.EchoClient(channel);
        var replies = new List<EchoReply>();
        for (var i = 0; i < Calls; i++)
        {
            replies.Add(await client.SayAsync(new EchoRequest { Message = $"call {i}" }, deadline: Deadline(), cancellationToken: TestContext.Current.CancellationToken));
        }

        AssertFiftyFifty(replies.Select(r => r.Pod));
        Assert.All(replies, r => Assert.Equal(ClientId, r.Headers.GetValueOrDefault("x-smi-client-id")));
        Assert.Equal(Enumerable.Range(0, Calls).Select(i => $"call {i}"), replies.Select(r => r.Message));

        // The serving proxy counts each call with its grpc-status (0, OK, from the trailers).
        var (_, metrics, _) = await Sandbox.ExecAsync("web-v1-0", "curl", "-sS", "-m", "5", "http://127.0.0.1:15000/metrics");
        Assert.Contains("smi_grpc_responses_total{destination_service=\"web-v1.demo\",grpc_status=\"0\",source_identity=\"demo/client\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_ServerStreaming_AcrossTheMesh_SplitFiftyFifty_EveryStreamWholeFromOnePod()
    {
        using var channel = Sandbox.From("client-0").Grpc("http://web.demo:9090");
        var client = new Echo.V1.Echo.EchoClient(channel);
        var streams = new List<List<EchoReply>>();
        for (var i = 0; i < Calls; i++)
        {
            using var call = client.Stream(new StreamRequest { Message = $"stream {i}", Count = 3 }, deadline: Deadline(), cancellationToken: TestContext.Current.CancellationToken);
            streams.Add(await call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
        }

        Assert.All(streams, s => Assert.Equal([0, 1, 2], s.Select(r => r.Index)));
        Assert.All(streams, s => Assert.Single(s.Select(r => r.Pod).Distinct()));
        AssertFiftyFifty(streams.Select(s => s[0].Pod));
    }

    [Fact]
    public async Task WebSocket_AcrossTheMesh_AWebPodAnswersWithTheCallersIdentity_AndEchoes()
    {
        using var socket = await Sandbox.From("client-0").ConnectWebSocketAsync(new Uri("ws://web.demo/ws"), TestContext.Current.CancellationToken);

        using var hello = JsonDocument.Parse(await WebSocketMessages.ReceiveAsync(socket));
        await socket.SendAsync("through two sidecars"u8.ToArray(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var text = await WebSocketMessages.ReceiveAsync(socket);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken).WaitAsync(Timeout);

        Assert.Contains(hello.RootElement.GetProperty("pod").GetString(), (string[])["web-v1-0", "web-v2-0"]);
        Assert.Equal(ClientId, hello.RootElement.GetProperty("headers").GetProperty("x-smi-client-id").GetString());
        Assert.Equal("through two sidecars", Encoding.UTF8.GetString(text));
    }

    // 50% ± 8 points of the calls on each backend pod (binomial noise over 200 calls is ±7 at 2σ).
    private static void AssertFiftyFifty(IEnumerable<string> pods)
    {
        var counts = pods.GroupBy(p => p, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var total = counts.Values.Sum();
        var shown = string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.True(counts.Keys.Order(StringComparer.Ordinal).SequenceEqual(["web-v1-0", "web-v2-0"]), $"replies from {shown}");
        Assert.All(counts, kv => Assert.True(Math.Abs((100.0 * kv.Value / total) - 50) <= 8, $"{kv.Key} answered {kv.Value} of {total} ({shown})"));
    }

    private static DateTime Deadline() => DateTime.UtcNow + Timeout;
}
