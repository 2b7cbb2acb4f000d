using System.Globalization;
using System.Net;

namespace Smi.Sandbox.Node;

/// <summary>
/// A Kubernetes node made of network namespaces: a node namespace that routes between pods and
/// does kube-proxy's ClusterIP DNAT, and one namespace per pod joined to it by a veth pair
/// (point-to-point, as Calico does: the pod has a /32 and a /128 and a default route to a
/// link-local gateway, the node a route per pod), so every packet between pods crosses the node's
/// netfilter in both directions and DNAT'ed replies are un-NATed. Nothing of the host's own
/// network is touched: no interface, route or rule outside these namespaces. Names start with the
/// owning process's id, so two sandboxes never collide and leftovers of a killed one can be swept.
/// </summary>
internal sealed class NodeNetwork : IAsyncDisposable
{
    /// <summary>The pods' gateway: the node end of every veth carries it.</summary>
    public static readonly IPAddress GatewayV4 = IPAddress.Parse("169.254.1.1");

    public static readonly IPAddress GatewayV6 = IPAddress.Parse("fe80::1");

    private const string Prefix = "smi";
    private static int _instances;
    private readonly Dictionary<string, PodNetwork> _pods = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _nextInterface;
    private bool _disposed;

    private NodeNetwork(string id)
    {
        Id = id;
        Name = $"{id}-node";
    }

    /// <summary>The prefix every namespace of this node starts with.</summary>
    public string Id { get; }

    /// <summary>The node namespace.</summary>
    public string Name { get; }

    /// <summary>Why this machine cannot run a netns node, or null when it can.</summary>
    public static string? Unsupported()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "sandbox --netns needs Linux network namespaces";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "sandbox --netns needs root (it creates network namespaces, veth pairs and iptables rules inside them); run it with sudo, or use the loopback sandbox (without --netns)";
        }

        var missing = new[] { "ip", "iptables", "iptables-restore", "ip6tables-restore", "setpriv" }.Where(p => !HostCommand.IsInstalled(p)).ToList();
        return missing.Count == 0 ? null : $"sandbox --netns needs {string.Join(", ", missing)} (Debian packages iproute2, iptables, util-linux)";
    }

    /// <summary>Creates the node namespace, after sweeping namespaces left by sandboxes whose process is gone.</summary>
    public static async Task<NodeNetwork> CreateAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken).ConfigureAwait(false);
        var id = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _instances)}");
        var node = new NodeNetwork(id);
        try
        {
            await HostCommand.IpAsync(null, "netns", "add", node.Name).ConfigureAwait(false);
            await HostCommand.IpAsync(node.Name, "link", "set", "lo", "up").ConfigureAwait(false);
            await Sysctl(node.Name, "net.ipv4.ip_forward=1").ConfigureAwait(false);
            await Sysctl(node.Name, "net.ipv6.conf.all.forwarding=1").ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates the namespace of a pod, its veth pair and routes; the pod's own loopback is up.</summary>
    public async Task<PodNetwork> AddPodAsync(string podKey, IPAddress ipv4, IPAddress ipv6, CancellationToken cancellationToken)
    {
        int index;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            index = _nextInterface++;
        }

        var pod = new PodNetwork(podKey, string.Create(CultureInfo.InvariantCulture, $"{Id}-p{index}"), string.Create(CultureInfo.InvariantCulture, $"veth{index}"), ipv4, ipv6);
        lock (_gate)
        {
            _pods[pod.Netns] = pod;
        }

        await HostCommand.IpAsync(null, "netns", "add", pod.Netns).ConfigureAwait(false);
        await HostCommand.IpAsync(Name, "link", "add", pod.NodeInterface, "type", "veth", "peer", "name", "eth0", "netns", pod.Netns).ConfigureAwait(false);

        // Node end: the gateway addresses, and a host route per pod address.
        await HostCommand.IpAsync(Name, "addr", "add", $"{GatewayV4}/32", "dev", pod.NodeInterface).ConfigureAwait(false);
        await HostCommand.IpAsync(Name, "-6", "addr", "add", $"{GatewayV6}/64", "dev", pod.NodeInterface, "nodad").ConfigureAwait(false);
        await HostCommand.IpAsync(Name, "link", "set", pod.NodeInterface, "up").ConfigureAwait(false);
        await HostCommand.IpAsync(Name, "route", "add", $"{ipv4}/32", "dev", pod.NodeInterface).ConfigureAwait(false);
        await HostCommand.IpAsync(Name, "-6", "route", "add", $"{ipv6}/128", "dev", pod.NodeInterface).ConfigureAwait(false);

        // Pod end: eth0 with a /32 and a /128, default routes through the link-local gateway.
        await HostCommand.IpAsync(pod.Netns, "link", "set", "lo", "up").ConfigureAwait(false);
        await HostCommand.IpAsync(pod.Netns, "link", "set", "eth0", "up").ConfigureAwait(false);
        await HostCommand.IpAsync(pod.Netns, "addr", "add", $"{ipv4}/32", "dev", "eth0").ConfigureAwait(false);
        await HostCommand.IpAsync(pod.Netns, "-6", "addr", "add", $"{ipv6}/128", "dev", "eth0", "nodad").ConfigureAwait(false);
        await HostCommand.IpAsync(pod.Netns, "route", "add", $"{GatewayV4}", "dev", "eth0", "scope", "link").ConfigureAwait(false);
        await HostCommand.IpAsync(pod.Netns, "route", "add", "default", "via", $"{GatewayV4}", "dev", "eth0").ConfigureAwait(false);
        await HostCommand.IpAsync(pod.Netns, "-6", "route", "add", "default", "via", $"{GatewayV6}", "dev", "eth0").ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return pod;
    }

    /// <summary>Deletes a pod's namespace (its veth pair goes with it) and its /etc/netns files.</summary>
    public async Task RemovePodAsync(PodNetwork pod)
    {
        lock (_gate)
        {
            _pods.Remove(pod.Netns);
        }

        await DeleteNamespaceAsync(pod.Netns).ConfigureAwait(false);
    }

    /// <summary>Replaces the node's whole nat table (kube-proxy's service rules) for one family, atomically.</summary>
    public Task ApplyNatAsync(bool ipv6, string rules, CancellationToken cancellationToken) =>
        HostCommand.RunAsync(Name, ipv6 ? "ip6tables-restore" : "iptables-restore", [], rules, cancellationToken: cancellationToken);

    /// <summary>Writes files that <c>ip netns exec</c> bind-mounts over /etc inside the pod (hosts, resolv.conf).</summary>
    public static void WriteEtc(PodNetwork pod, string file, string content)
    {
        var dir = EtcDirectory(pod.Netns);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, file);
        File.WriteAllText(path + ".tmp", content);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        List<PodNetwork> pods;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pods = [.. _pods.Values];
            _pods.Clear();
        }

        foreach (var pod in pods)
        {
            await DeleteNamespaceAsync(pod.Netns).ConfigureAwait(false);
        }

        await DeleteNamespaceAsync(Name).ConfigureAwait(false);
        RemoveEtcRootIfEmpty();
    }

    /// <summary>Namespaces (and their /etc/netns folders) of sandboxes whose process no longer runs.</summary>
    internal static async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Netns.RunDirectory))
        {
            return;
        }

        foreach (var path in Directory.GetFiles(Netns.RunDirectory, Prefix + "*"))
        {
            var name = Path.GetFileName(path);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > Prefix.Length
                && int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId
                && !Directory.Exists($"/proc/{pid}"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await DeleteNamespaceAsync(name).ConfigureAwait(false);
            }
        }
    }

    // /etc/netns exists only for namespaces' files: leave no empty folder behind (another sandbox's files keep it).
    private static void RemoveEtcRootIfEmpty()
    {
        try
        {
            if (Directory.Exists("/etc/netns") && !Directory.EnumerateFileSystemEntries("/etc/netns").Any())
            {
                Directory.Delete("/etc/netns");
            }
        }
        catch (IOException)
        {
            // Another sandbox just created its folder.
        }
    }

    private static string EtcDirectory(string netns) => Path.Combine("/etc/netns", netns);

    private static async Task DeleteNamespaceAsync(string netns)
    {
        // Processes still inside keep a namespace alive after `ip netns delete`; kill them first.
        var pids = await HostCommand.RunAsync(null, "ip", ["netns", "pids", netns], allowFailure: true).ConfigureAwait(false);
        foreach (var line in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        }

        await HostCommand.RunAsync(null, "ip", ["netns", "delete", netns], allowFailure: true).ConfigureAwait(false);
        var etc = EtcDirectory(netns);
        if (Directory.Exists(etc))
        {
            Directory.Delete(etc, recursive: true);
        }
    }

    private static Task<string> Sysctl(string netns, string setting) => HostCommand.RunAsync(netns, "sysctl", ["-qw", setting]);
}
