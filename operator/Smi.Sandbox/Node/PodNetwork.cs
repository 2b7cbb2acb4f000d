using System.Net;

namespace Smi.Sandbox.Node;

/// <summary>One pod's network namespace on the node: its name (usable with <c>ip netns exec</c>), the node end of its veth and its addresses.</summary>
internal sealed record PodNetwork(string PodKey, string Netns, string NodeInterface, IPAddress Ipv4, IPAddress Ipv6);
