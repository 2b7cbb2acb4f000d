using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using Smi.Core.Cluster;

namespace Smi.Sandbox.Node;

/// <summary>
/// kube-proxy's iptables mode for the node namespace: for every Service port with a ClusterIP, a
/// chain that DNATs to one of its ready endpoints, chosen at random with kube-proxy's
/// probabilities (1/n, then 1/(n-1), ...), so each new connection picks an endpoint uniformly.
/// Rendered as a whole <c>nat</c> table for <c>iptables-restore</c> (the node namespace is the
/// sandbox's own: nothing else has rules there), once per address family.
/// </summary>
internal static class KubeProxyRules
{
    /// <summary>The Service ports of a snapshot with their ready endpoints (pod addresses on the node).</summary>
    public static IReadOnlyList<ServicePortRule> From(ClusterSnapshot snapshot)
    {
        var rules = new List<ServicePortRule>();
        var slices = snapshot.EndpointSlices.ToLookup(s => (s.Namespace, s.ServiceName));
        foreach (var service in snapshot.Services.OrderBy(s => s.Key))
        {
            if (service.ClusterIp is not { } ip || !IPAddress.TryParse(ip, out var clusterIp))
            {
                continue;
            }

            foreach (var port in service.Ports)
            {
                var endpoints = slices[(service.Namespace, service.Name)]
                    .SelectMany(slice => slice.Ports.Where(p => (p.Name ?? string.Empty) == (port.Name ?? string.Empty) && p.Protocol == port.Protocol)
                        .SelectMany(p => slice.Endpoints.Where(e => e.Ready != false).SelectMany(e => e.Addresses).Select(a => (Address: a, p.Port))))
                    .Where(e => IPAddress.TryParse(e.Address, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    .Select(e => new ServiceEndpoint(IPAddress.Parse(e.Address), PodAddresses.Ipv6Of(IPAddress.Parse(e.Address)), e.Port))
                    .Distinct()
                    .OrderBy(e => e.Ipv4.ToString(), StringComparer.Ordinal)
                    .ToImmutableArray();
                rules.Add(new ServicePortRule(service.ObjectName, clusterIp, ClusterIpAllocator.Ipv6Twin(clusterIp), port.Port, port.Protocol.ToLowerInvariant(), endpoints));
            }
        }

        return rules;
    }

    /// <summary>The node's nat table for one family, in <c>iptables-restore</c> format.</summary>
    public static string Render(IReadOnlyList<ServicePortRule> rules, bool ipv6)
    {
        var chains = new StringBuilder();
        var body = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var hostMask = ipv6 ? 128 : 32;
        chains.AppendLine("*nat");
        chains.AppendLine(":PREROUTING ACCEPT [0:0]");
        chains.AppendLine(":INPUT ACCEPT [0:0]");
        chains.AppendLine(":OUTPUT ACCEPT [0:0]");
        chains.AppendLine(":POSTROUTING ACCEPT [0:0]");
        chains.AppendLine(":SMI-SERVICES - [0:0]");
        body.AppendLine("-A PREROUTING -j SMI-SERVICES");
        body.AppendLine("-A OUTPUT -j SMI-SERVICES");
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Protocol is not ("tcp" or "udp" or "sctp") || rule.Endpoints.Count == 0)
            {
                // No ready endpoint: no DNAT, so the connection fails fast (nothing routes the ClusterIP).
                continue;
            }

            var chain = string.Create(inv, $"SMI-SVC-{i}");
            var clusterIp = ipv6 ? rule.ClusterIpv6 : rule.ClusterIpv4;
            chains.AppendLine(inv, $":{chain} - [0:0]");
            body.AppendLine(inv, $"-A SMI-SERVICES -d {clusterIp}/{hostMask} -p {rule.Protocol} -m {rule.Protocol} --dport {rule.Port} -m comment --comment \"{rule.Service}:{rule.Port}\" -j {chain}");
            for (var e = 0; e < rule.Endpoints.Count; e++)
            {
                var endpoint = rule.Endpoints[e];
                var address = ipv6 ? $"[{endpoint.Ipv6}]" : endpoint.Ipv4.ToString();
                var remaining = rule.Endpoints.Count - e;
                var pick = remaining > 1 ? string.Create(inv, $"-m statistic --mode random --probability {1.0 / remaining:0.00000} ") : string.Empty;
                body.AppendLine(inv, $"-A {chain} -p {rule.Protocol} {pick}-j DNAT --to-destination {address}:{endpoint.Port}");
            }
        }

        return chains.Append(body).AppendLine("COMMIT").ToString();
    }
}
