using System.Text;

namespace Smi.Sandbox.Node;

/// <summary>
/// The /etc/hosts a pod sees (<c>ip netns exec</c> bind-mounts <c>/etc/netns/&lt;name&gt;/hosts</c>):
/// itself, and every Service by the names cluster DNS would answer from the pod's namespace —
/// <c>svc.ns.svc.&lt;domain&gt;</c>, <c>svc.ns</c>, <c>svc.ns.svc</c>, and <c>svc</c> for Services of its own namespace.
/// Names resolve to the IPv4 ClusterIP only; the IPv6 ClusterIPs are listed in sandbox.json.
/// </summary>
internal static class HostsFile
{
    public static string Render(string podName, string podNamespace, string podIp, IEnumerable<(string Namespace, string Name, string ClusterIp)> services, string clusterDomain)
    {
        var text = new StringBuilder();
        text.AppendLine("127.0.0.1\tlocalhost");
        text.AppendLine("::1\tlocalhost ip6-localhost ip6-loopback");
        text.Append(podIp).Append('\t').AppendLine(podName);
        foreach (var (ns, name, ip) in services.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            text.Append(ip).Append('\t').Append(name).Append('.').Append(ns).Append(".svc.").Append(clusterDomain)
                .Append(' ').Append(name).Append('.').Append(ns).Append(".svc")
                .Append(' ').Append(name).Append('.').Append(ns);
            if (ns == podNamespace)
            {
                text.Append(' ').Append(name);
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>A resolv.conf that fails fast: the node has no DNS server and no way out.</summary>
    public const string ResolvConf = "# smi-operator sandbox --netns: names come from /etc/hosts\nnameserver 127.0.0.1\noptions timeout:1 attempts:1\n";
}
