using Grpc.Net.Client;
using Smi.Sandbox.Echo.V1;
using Smi.Testing;

namespace Smi.Sandbox.Tests;

/// <summary>The echo app's protocols in the loopback sandbox: h2c ports follow the Services, called directly on the pod's address (no mesh involved).</summary>
[Collection(SandboxCollection.Name)]
public sealed class LoopbackEchoProtocolTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: demo}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: app, image: echo, ports: [{containerPort: 8080}, {containerPort: 9090}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: demo}
        spec:
          selector: {app: web}
          ports:
          - {name: http, port: 80, targetPort: 8080}
          - {name: rpc, port: 9090, appProtocol: PROTOCOL}
        """;

    [Fact]
    public async Task AppProtocolEditedToGrpc_PodRestartsWithAnH2cPort_GrpcAnswersOnIt()
    {
        await using var sandbox = await SandboxRun.StartAsync(null, folder => File.WriteAllText(Path.Combine(folder, "mesh.yaml"), Manifest.Replace("PROTOCOL", "http", StringComparison.Ordinal)));
        Assert.Null(sandbox.Pod("web").H2cPorts);
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            var body = await http.GetStringAsync(new Uri($"http://{sandbox.Pod("web").Address}:9090/"), TestContext.Current.CancellationToken);
            Assert.Contains("\"port\":9090", body, StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(Path.Combine(sandbox.Folder, "mesh.yaml"), Manifest.Replace("PROTOCOL", "grpc", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await sandbox.WaitForPodsAsync(file => file.Pods.Any(p => p.H2cPorts is [9090]), TestContext.Current.CancellationToken);
        using var channel = GrpcChannel.ForAddress($"http://{sandbox.Pod("web").Address}:9090");
        var reply = await Eventually.ValueAsync(
            async () => await new Echo.V1.Echo.EchoClient(channel).SayAsync(new EchoRequest { Message = "loopback" }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: TestContext.Current.CancellationToken),
            "a gRPC reply from the restarted pod",
            timeout: TimeSpan.FromSeconds(20),
            pollInterval: TimeSpan.FromMilliseconds(200),
            retryOn: ex => ex is Grpc.Core.RpcException,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(("loopback", "web-0", 9090), (reply.Message, reply.Pod, reply.Port));
    }
}
