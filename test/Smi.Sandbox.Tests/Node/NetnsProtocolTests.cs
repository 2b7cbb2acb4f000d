using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Smi.Sandbox.Echo.V1;

namespace Smi.Sandbox.Tests.Node;

/// <summary>
/// The pod clients (<see cref="PodClient"/>) and the echo app's protocols on the netns node, pod to
/// pod without the mesh: both pods in a namespace that opts out of injection, so connections go
/// straight through the node's ClusterIP DNAT to the echo pod. Needs root; skipped elsewhere.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NetnsProtocolTests(PlainEchoSandbox fixture) : IClassFixture<PlainEchoSandbox>
{
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
    public void Pods_OutsideTheMesh_NoSidecar_EchoReadyByItsGrpcProbe_H2cPortsListed()
    {
        var sandbox = Sandbox;

        Assert.All(sandbox.File.Pods, p => Assert.False(p.Meshed, $"{p.Name} is meshed"));
        Assert.True(sandbox.Pod("echo-0").Ready);
        Assert.Equal([9090, 50051], sandbox.Pod("echo-0").H2cPorts);
        Assert.Null(sandbox.Pod("client-0").H2cPorts);
    }

    [Fact]
    public async Task Grpc_ByServiceName_UnaryAndServerStreaming_AnswerFromTheEchoPod()
    {
        using var channel = Sandbox.From("client-0").Grpc("http://echo:9090");
        var client = new Echo.V1.Echo.EchoClient(channel);

        var reply = await client.SayAsync(new EchoRequest { Message = "hello" }, deadline: Deadline(), cancellationToken: TestContext.Current.CancellationToken);
        using var call = client.Stream(new StreamRequest { Message = "tick", Count = 5 }, deadline: Deadline(), cancellationToken: TestContext.Current.CancellationToken);
        var replies = await call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("hello", "echo-0", "plain", 9090, "echo:9090"), (reply.Message, reply.Pod, reply.Namespace, reply.Port, reply.Authority));
        Assert.Equal([0, 1, 2, 3, 4], replies.Select(r => r.Index));
        Assert.All(replies, r => Assert.Equal(("tick", "echo-0"), (r.Message, r.Pod)));
    }

    [Fact]
    public async Task Grpc_ByClusterIp_PortH2cByAppProtocolOnly_UnaryAndHealth()
    {
        var clusterIp = Sandbox.Service("echo").ClusterIp;
        using var channel = Sandbox.From("client-0").Grpc($"http://{clusterIp}:50051");

        var reply = await new Echo.V1.Echo.EchoClient(channel).SayAsync(new EchoRequest { Message = "by ip" }, deadline: Deadline(), cancellationToken: TestContext.Current.CancellationToken);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "smi.echo.v1.Echo" }, deadline: Deadline(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(("by ip", "echo-0", 50051, $"{clusterIp}:50051"), (reply.Message, reply.Pod, reply.Port, reply.Authority));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task WebSocket_ByServiceName_FirstMessageNamesThePod_ThenTextAndBinaryComeBack()
    {
        using var socket = await Sandbox.From("client-0").ConnectWebSocketAsync(new Uri("ws://echo.plain/ws"), TestContext.Current.CancellationToken);

        using var hello = JsonDocument.Parse(await WebSocketMessages.ReceiveAsync(socket));
        await socket.SendAsync("over the node"u8.ToArray(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var text = await WebSocketMessages.ReceiveAsync(socket);
        await socket.SendAsync(new byte[] { 0, 255, 7 }, WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);
        var binary = await WebSocketMessages.ReceiveAsync(socket, WebSocketMessageType.Binary);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken).WaitAsync(Timeout);

        Assert.Equal("echo-0", hello.RootElement.GetProperty("pod").GetString());
        Assert.Equal(8080, hello.RootElement.GetProperty("port").GetInt32());
        Assert.Equal("over the node", Encoding.UTF8.GetString(text));
        Assert.Equal([0, 255, 7], binary);
    }

    [Fact]
    public async Task HttpAndTcp_FromThePod_LeaveWithThePodsAddress_JsonEchoOnTheHttp1Port()
    {
        var sandbox = Sandbox;
        var from = sandbox.From("client-0");
        using var http = from.Http();

        var body = await http.GetStringAsync(new Uri("http://echo.plain.svc.cluster.local/hello"), TestContext.Current.CancellationToken).WaitAsync(Timeout);
        using var socket = await from.ConnectAsync("echo", 80, TestContext.Current.CancellationToken).WaitAsync(Timeout);

        Assert.Contains("\"pod\":\"echo-0\"", body, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/hello\"", body, StringComparison.Ordinal);
        Assert.Equal(IPAddress.Parse(sandbox.Pod("client-0").Ip!), ((IPEndPoint)socket.LocalEndPoint!).Address);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(sandbox.Service("echo").ClusterIp), 80), socket.RemoteEndPoint);
    }

    [Fact]
    public void Resolve_ServiceNamesAsThePodsHostsFile_UnknownNamesFail()
    {
        var sandbox = Sandbox;
        var clusterIp = IPAddress.Parse(sandbox.Service("echo").ClusterIp);

        Assert.All(["echo", "echo.plain", "echo.plain.svc", "echo.plain.svc.cluster.local"], name => Assert.Equal(clusterIp, sandbox.Resolve(name, "plain")));
        Assert.Equal(clusterIp, sandbox.Resolve("echo.plain", "demo"));
        Assert.Throws<System.Net.Sockets.SocketException>(() => sandbox.Resolve("echo", "demo"));
        Assert.Throws<System.Net.Sockets.SocketException>(() => sandbox.Resolve("echo.plain.example.com", "plain"));
    }

    private static DateTime Deadline() => DateTime.UtcNow + Timeout;
}
