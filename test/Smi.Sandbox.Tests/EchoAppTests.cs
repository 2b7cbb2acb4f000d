using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Smi.Sandbox.Echo.V1;
using Smi.Testing;

namespace Smi.Sandbox.Tests;

/// <summary>The echo app on loopback ports, one HTTP/1.1 and one h2c, called directly (no sandbox, no root).</summary>
public sealed class EchoAppTests : IAsyncLifetime
{
    private static readonly EchoIdentity Identity = new("web-0", "demo", "web");
    private readonly int _http = FreeTcpPort.OnLoopback();
    private readonly int _h2c = FreeTcpPort.OnLoopback();
    private EchoApp? _app;

    public async ValueTask InitializeAsync() =>
        _app = await EchoApp.StartAsync(Identity, IPAddress.Loopback, [new EchoPort(_http, false), new EchoPort(_h2c, true)], EchoBehaviour.Normal, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Http1Port_AnyRequest_TheJsonEchoAsBefore()
    {
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{_http}/hello?x=1"), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith($$"""{"pod":"web-0","namespace":"demo","serviceAccount":"web","port":{{_http}},"method":"GET","path":"/hello?x=1","headers":{""", body, StringComparison.Ordinal);
        Assert.EndsWith("""},"failed":false}""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http1Port_GrpcPath_StillTheJsonEcho()
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new("application/grpc");

        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{_http}/smi.echo.v1.Echo/Say"), content, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task H2cPort_SayAndStream_RepliesNameThePodAndThePort()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_h2c}");
        var client = new Echo.V1.Echo.EchoClient(channel);

        var reply = await client.SayAsync(new EchoRequest { Message = "hi" }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        using var stream = client.Stream(new StreamRequest { Message = "s", Count = 3 }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        var replies = await stream.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("hi", "web-0", "demo", "web", _h2c, $"127.0.0.1:{_h2c}"), (reply.Message, reply.Pod, reply.Namespace, reply.ServiceAccount, reply.Port, reply.Authority));
        Assert.StartsWith("grpc-dotnet/", reply.Headers["user-agent"], StringComparison.Ordinal);
        Assert.Equal([0, 1, 2], replies.Select(r => r.Index));
        Assert.All(replies, r => Assert.Equal(("s", "web-0"), (r.Message, r.Pod)));
    }

    [Fact]
    public async Task H2cPort_Health_EveryServiceServing()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_h2c}");
        var health = new Health.HealthClient(channel);

        var all = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        var echo = await health.CheckAsync(new HealthCheckRequest { Service = "smi.echo.v1.Echo" }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, all.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, echo.Status);
    }

    [Fact]
    public async Task H2cPort_PlainHttp2Request_JsonEcho_Http1Refused()
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var http1 = new HttpClient();

        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{_h2c}/hello"), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("\"pod\":\"web-0\"", body, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => http1.GetStringAsync(new Uri($"http://127.0.0.1:{_h2c}/hello"), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Http1Port_WebSocket_FirstMessageNamesThePod_ThenTextAndBinaryComeBack()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_http}/ws"), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10));

        using var hello = JsonDocument.Parse(await WebSocketMessages.ReceiveAsync(socket));
        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var text = await WebSocketMessages.ReceiveAsync(socket);
        await socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);
        var binary = await WebSocketMessages.ReceiveAsync(socket, WebSocketMessageType.Binary);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("web-0", hello.RootElement.GetProperty("pod").GetString());
        Assert.Equal("/ws", hello.RootElement.GetProperty("path").GetString());
        Assert.Equal("ping", Encoding.UTF8.GetString(text));
        Assert.Equal([1, 2, 3], binary);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task H2cPort_FailureRate_AShareOfCallsFailsInternal()
    {
        var port = FreeTcpPort.OnLoopback();
        await using var failing = await EchoApp.StartAsync(Identity, IPAddress.Loopback, [new EchoPort(port, true)], new EchoBehaviour(0.5, 0), TestContext.Current.CancellationToken);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new Echo.V1.Echo.EchoClient(channel);

        var codes = new List<StatusCode>();
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await client.SayAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
                codes.Add(StatusCode.OK);
            }
            catch (RpcException ex)
            {
                codes.Add(ex.StatusCode);
            }
        }

        Assert.Equal(5, codes.Count(c => c == StatusCode.Internal));
        Assert.Equal(5, codes.Count(c => c == StatusCode.OK));
    }
}
