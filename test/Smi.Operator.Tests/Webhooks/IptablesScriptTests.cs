using System.Diagnostics;
using Smi.Testing;

namespace Smi.Operator.Tests.Webhooks;

/// <summary>
/// Runs proxy/iptables/smi-iptables.sh in a network namespace made for the test (the pod), joined
/// by a veth pair to a second one (a peer pod), with small TCP listeners standing in for the
/// proxy's inbound and outbound listeners, and checks where connections really end up, over IPv4
/// and IPv6. The host's own interfaces and rules are not touched. Needs root, iptables and
/// iproute2 (CI installs them).
/// </summary>
public sealed class IptablesScriptTests : IDisposable
{
    private readonly string _ns = $"smi-ipt-{Environment.ProcessId % 10000}-{Random.Shared.Next(1000)}";
    private readonly string _peer;
    private readonly List<Process> _listeners = [];

    public IptablesScriptTests()
    {
        _peer = _ns + "-peer";
    }

    [Fact]
    public async Task Script_RedirectsAppTrafficAndInbound_ExemptsProxyUid_IsIdempotent()
    {
        SkipUnlessPrivileged();
        Run("ip", $"netns add {_ns}");
        Run("ip", $"netns add {_peer}");
        InPeer($"ip link add eth0 type veth peer name eth0 netns {_ns}");
        InPeer("ip addr add 10.211.0.1/24 dev eth0");
        InPeer("ip -6 addr add fd00:211::1/64 dev eth0 nodad");
        InPeer("ip link set eth0 up");
        InNs("ip addr add 10.211.0.2/24 dev eth0");
        InNs("ip -6 addr add fd00:211::2/64 dev eth0 nodad");
        InNs("ip link set eth0 up");
        InNs("ip link set lo up");
        InNs("ip route add default via 10.211.0.1");
        InNs("ip -6 route add default via fd00:211::1");
        var script = Path.Combine(RepoPaths.Root, "proxy", "iptables", "smi-iptables.sh");
        InNs($"sh {script}");
        InNs($"sh {script}"); // idempotent: same rules again

        foreach (var save in new[] { "iptables-save", "ip6tables-save" })
        {
            var rules = InNs($"{save} -t nat");
            Assert.Equal(1, CountLines(rules, "-A OUTPUT -p tcp -j SMI_OUTBOUND"));
            Assert.Equal(1, CountLines(rules, "-A PREROUTING -p tcp -j SMI_INBOUND"));
        }

        StartListener(15001, "outbound-proxy");
        StartListener(15006, "inbound-proxy");
        await Task.Delay(500);

        // The app (root here) calling any service address lands on the outbound listener, over either family.
        Assert.Equal("outbound-proxy", Exec(["ip", "netns", "exec", _ns, Python, "-c", Client("10.96.0.10", 80)]).Trim());
        Assert.Equal("outbound-proxy", Exec(["ip", "netns", "exec", _ns, Python, "-c", Client("fd00:10:96::a", 80)]).Trim());
        // Traffic from another pod to any pod port lands on the inbound listener.
        Assert.Equal("inbound-proxy", Exec(["ip", "netns", "exec", _peer, Python, "-c", Client("10.211.0.2", 8080)]).Trim());
        Assert.Equal("inbound-proxy", Exec(["ip", "netns", "exec", _peer, Python, "-c", Client("fd00:211::2", 8080)]).Trim());
        // ...including the outbound port: another pod cannot use this pod's outbound listener as a relay.
        Assert.Equal("inbound-proxy", Exec(["ip", "netns", "exec", _peer, Python, "-c", Client("10.211.0.2", 15001)]).Trim());
        // The proxy's own connections (uid 1337) are not intercepted: this one goes nowhere.
        var proxyCall = Exec(["ip", "netns", "exec", _ns, "setpriv", "--reuid=1337", "--regid=1337", "--clear-groups", Python, "-c", Client("10.211.0.1", 9, timeout: 1)], allowFailure: true);
        Assert.DoesNotContain("outbound-proxy", proxyCall, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var listener in _listeners)
        {
            try
            {
                listener.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            listener.Dispose();
        }

        Run("ip", $"netns del {_ns}", allowFailure: true);
        Run("ip", $"netns del {_peer}", allowFailure: true);
    }

    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static string Client(string host, int port, int timeout = 3) =>
        $"import socket; s=socket.create_connection(('{host}',{port}),timeout={timeout}); print(s.recv(64).decode())";

    private static void SkipUnlessPrivileged()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/sbin/iptables") && !File.Exists("/sbin/iptables"))
        {
            Assert.Skip("needs root and iptables (CI installs them): the script is tested in a network namespace");
        }
    }

    private void StartListener(int port, string reply)
    {
        // One dual-stack socket: IPv4 connections arrive as v4-mapped addresses.
        var code = $"import socket\ns=socket.socket(socket.AF_INET6)\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\ns.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)\ns.bind(('::',{port}))\ns.listen(8)\nwhile True:\n c,_=s.accept(); c.sendall(b'{reply}'); c.close()\n";
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "netns", "exec", _ns, Python, "-c", code })
        {
            start.ArgumentList.Add(arg);
        }

        _listeners.Add(Process.Start(start)!);
    }

    private static string Exec(string[] command, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(15_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', command)} timed out");
        }

        if (process.ExitCode != 0 && !allowFailure)
        {
            Assert.Fail($"{string.Join(' ', command)} exited {process.ExitCode}: {error.Result}");
        }

        return output.Result + (allowFailure ? error.Result : string.Empty);
    }

    private string InNs(string command, bool allowFailure = false) => Run("ip", $"netns exec {_ns} {command}", allowFailure);

    private string InPeer(string command) => Run("ip", $"netns exec {_peer} {command}");

    private static string Run(string file, string args, bool allowFailure = false)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(15_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {args} timed out");
        }

        if (process.ExitCode != 0 && !allowFailure)
        {
            Assert.Fail($"{file} {args} exited {process.ExitCode}: {error.Result}");
        }

        return output.Result + (allowFailure ? error.Result : string.Empty);
    }

    private static int CountLines(string text, string line) => text.Split('\n').Count(l => l.Trim() == line);
}
