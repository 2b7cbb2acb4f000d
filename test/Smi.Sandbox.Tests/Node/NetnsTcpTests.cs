using System.Text.RegularExpressions;

namespace Smi.Sandbox.Tests.Node;

/// <summary>
/// Real traffic through <c>sandbox --netns</c>, each a real client inside a pod's namespace: opaque
/// TCP across the mesh with per-connection access control and splits, server-first protocols,
/// HTTPS to pods outside the mesh (passthrough), the relay hole closed, probes under default deny,
/// IPv6. Needs root (CI runs as root); elsewhere these tests are skipped and say so.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed partial class NetnsTcpTests(TcpNodeFixture node) : IClassFixture<TcpNodeFixture>
{
    private NetnsRun Sandbox => node.Sandbox;

    [Fact]
    public async Task Redis_PingThroughTheMesh_AllowedByTcpRoute_AnotherIdentityRefused()
    {
        Skip();

        var allowed = await Sandbox.ExecAsync("client-0", "redis-cli", "-h", "redis.demo", "-p", "6379", "PING");
        var denied = await Sandbox.ExecAsync("intruder-0", "redis-cli", "-h", "redis.demo", "-p", "6379", "PING");

        Assert.True(allowed.Output.Trim() == "PONG", $"client: exit {allowed.ExitCode}, {allowed.Output} {allowed.Error}");
        Assert.DoesNotContain("PONG", denied.Output, StringComparison.Ordinal);
        // intruder's proxy has no route to redis (it may not call it), so the connection arrives at
        // store's app port as from a client without a mesh identity, and store's proxy refuses it.
        var log = await EventuallyLogAsync("store-0", $"Refused inbound TCP connection from {node.PodIp("intruder-0")} to redis.demo (denied)");
        Assert.Contains("not in permissive mode", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_SetAndGetOverOneConnection_CarriesEveryByte()
    {
        Skip();

        var (exit, output, error) = await Sandbox.ExecAsync("client-0", "sh", "-c", "printf 'SET k %s\\r\\nGET k\\r\\nQUIT\\r\\n' $(head -c 3000 /dev/zero | tr '\\0' x) | redis-cli -h redis.demo");

        Assert.True(exit == 0, $"{output} {error}");
        Assert.Contains(new string('x', 3000), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientFirstProtocol_OnAnUndeclaredPort_IsDetectedOpaqueAndCarried()
    {
        Skip();

        var (exit, output, error) = await Python("client-0", "import socket\ns=socket.create_connection(('lines.demo',7000),timeout=5)\ns.sendall(b'hello\\n')\nprint(s.makefile().readline().strip())");

        Assert.True(exit == 0, error);
        Assert.Equal("store-0 hello", output.Trim());
    }

    [Fact]
    public async Task ServerFirstProtocol_OnADeclaredOpaquePort_GreetsAtOnce()
    {
        Skip();

        // appProtocol: tcp skips detection: the banner arrives without waiting for the client.
        var (exit, output, error) = await Python("client-0", "import socket,time\nt=time.time()\ns=socket.create_connection(('banner.demo',2525),timeout=5)\nline=s.makefile().readline().strip()\nprint(line, round(time.time()-t,3))");

        Assert.True(exit == 0, error);
        var parts = output.Trim().Split(' ');
        Assert.Equal("220 store-0 ready", string.Join(' ', parts[..3]));
        Assert.True(double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture) < 0.9, $"the banner took {parts[3]} s: detection was not skipped");
    }

    [Fact]
    public async Task TcpSplit_EightyTwenty_ThousandConnectionsFollowTheWeights()
    {
        Skip();

        var (exit, output, error) = await Python("client-0", "import socket,collections\nc=collections.Counter()\nfor i in range(1000):\n  s=socket.create_connection(('kv.demo',9000),timeout=5)\n  s.sendall(b'hi\\n')\n  c[s.makefile().readline().split()[0].rsplit('-',1)[0]]+=1\n  s.close()\nprint(c['kv-a'], c['kv-b'])");

        Assert.True(exit == 0, error);
        var counts = output.Trim().Split(' ').Select(int.Parse).ToArray();
        Assert.Equal(1000, counts.Sum());
        Assert.InRange(counts[0], 750, 850);
    }

    [Fact]
    public async Task Https_ToAPodOutsideTheMesh_ByNameAndByIp_PassesThroughWithItsCertificateVerified()
    {
        Skip();

        var byName = await Sandbox.ExecAsync("client-0", "curl", "-sS", "-m", "10", "--cacert", node.CertificatePath, "https://secure.ext/");
        var byIp = await Sandbox.ExecAsync("client-0", "curl", "-sS", "-m", "10", "--cacert", node.CertificatePath, "--resolve", $"outside.example:8443:{node.PodIp("outside")}", "https://outside.example:8443/");

        Assert.True(byName.ExitCode == 0, $"by name: {byName.Error}");
        Assert.Contains("s_server", byName.Output, StringComparison.Ordinal);
        Assert.True(byIp.ExitCode == 0, $"by IP: {byIp.Error}");
        Assert.Contains("s_server", byIp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutboundListener_FromAnotherPod_DoesNotRelay()
    {
        Skip();

        // intruder may not call web; it tries to borrow client's identity through client's :15001.
        var (exit, output, _) = await Sandbox.ExecAsync("intruder-0", "curl", "-sS", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: web.demo", $"http://{node.PodIp("client-0")}:15001/hello");
        var direct = await Sandbox.ExecAsync("intruder-0", "curl", "-sS", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", "http://web.demo/hello");

        Assert.True(exit != 0 || output.Trim() != "200", $"relayed: {output}");
        Assert.Equal("403", direct.Output.Trim());
    }

    [Fact]
    public async Task ReadinessProbe_HttpGetOnTheAppPort_PassesUnderDefaultDeny_ThroughTheAdminPort()
    {
        Skip();

        // Nobody may call web's app port (no TrafficTarget names web), yet the pod is ready: kubelet
        // probes the proxy's admin port, which probes the app locally.
        Assert.True(Sandbox.Pod("web-0").Ready);
        var (_, code, _) = await Sandbox.ExecAsync("web-0", "curl", "-sS", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:15000/app-health/app/readyz");
        Assert.Equal("200", code.Trim());
    }

    [Fact]
    public async Task Redis_OverIpv6ClusterIp_ThroughTheMesh()
    {
        Skip();

        var (_, output, error) = await Sandbox.ExecAsync("client-0", "redis-cli", "-h", Sandbox.Service("redis").ClusterIpv6, "-p", "6379", "PING");

        Assert.True(output.Trim() == "PONG", $"{output} {error}");
    }

    [Fact]
    public async Task TcpMetrics_CountConnectionsAndBytesByIdentity()
    {
        Skip();
        await Sandbox.ExecAsync("client-0", "redis-cli", "-h", "redis.demo", "PING");

        var (_, metrics, _) = await Sandbox.ExecAsync("store-0", "curl", "-sS", "-m", "5", "http://127.0.0.1:15000/metrics");

        Assert.Matches(OpenedInbound(), metrics);
        Assert.Contains("smi_tcp_received_bytes_total{destination_identity=\"demo/store\",destination_service=\"redis.demo\",direction=\"inbound\",source_identity=\"demo/client\"}", metrics, StringComparison.Ordinal);
    }

    private static void Skip() => Assert.SkipWhen(NetnsRun.Unsupported is not null, NetnsRun.Unsupported ?? string.Empty);

    private Task<(int ExitCode, string Output, string Error)> Python(string pod, string script) => Sandbox.ExecAsync(pod, "python3", "-c", script);

    private async Task<string> EventuallyLogAsync(string pod, string text)
    {
        for (var i = 0; i < 40; i++)
        {
            var log = Sandbox.Log(pod, "smi-proxy");
            if (log.Contains(text, StringComparison.Ordinal))
            {
                return log;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{pod}'s proxy log never said \"{text}\": {Sandbox.Log(pod, "smi-proxy")}");
        return string.Empty;
    }

    [GeneratedRegex("smi_tcp_connections_opened_total\\{destination_identity=\"demo/store\",destination_service=\"redis.demo\",direction=\"inbound\",source_identity=\"demo/client\"[^}]*\\} [1-9]")]
    private static partial Regex OpenedInbound();
}
