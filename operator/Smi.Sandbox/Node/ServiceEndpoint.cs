using System.Net;

namespace Smi.Sandbox.Node;

/// <summary>One ready backend of a Service port: the pod's two addresses and the container port.</summary>
internal sealed record ServiceEndpoint(IPAddress Ipv4, IPAddress Ipv6, int Port);
