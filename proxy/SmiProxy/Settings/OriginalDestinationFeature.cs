using System.Net;

namespace SmiProxy.Settings;

/// <summary>
/// Connection feature: where an intercepted connection was going before iptables redirected it
/// (a ClusterIP:port, a pod IP:port). The outbound request path resolves each request's Service
/// from it, against the config current at that request; the inbound one takes the app port from it.
/// </summary>
internal sealed class OriginalDestinationFeature(IPEndPoint destination)
{
    public IPEndPoint Destination { get; } = destination;
}
