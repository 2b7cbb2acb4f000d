using System.Net;

namespace Smi.Sandbox.Node;

/// <summary>What kube-proxy programs for one Service port: its ClusterIPs and the ready endpoints traffic to them is spread over.</summary>
internal sealed record ServicePortRule(string Service, IPAddress ClusterIpv4, IPAddress ClusterIpv6, int Port, string Protocol, IReadOnlyList<ServiceEndpoint> Endpoints);
