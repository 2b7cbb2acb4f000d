namespace SmiProxy.Pipeline;

/// <summary>
/// Headers the proxies exchange. Everything under <c>x-smi-</c> belongs to the mesh: the outbound
/// side strips any the app sent before adding its own, and the inbound side strips every one a peer
/// sent before forwarding to the app, adding only <see cref="ClientId"/>.
/// </summary>
internal static class MeshHeaders
{
    public const string Prefix = "x-smi-";

    /// <summary>Outbound to inbound: the destination container port on the pod.</summary>
    public const string DestinationPort = "x-smi-destination-port";

    /// <summary>Outbound to inbound: the backend Service chosen by the split ("name.namespace").</summary>
    public const string DestinationService = "x-smi-destination-service";

    /// <summary>Outbound to inbound: the Service the app addressed, the apex of a split ("name.namespace").</summary>
    public const string ApexService = "x-smi-apex-service";

    /// <summary>Outbound to inbound: the calling workload as "Kind/name" (metrics labels only, never authorization).</summary>
    public const string SourceWorkload = "x-smi-source-workload";

    /// <summary>Outbound to inbound: the calling pod's name (metrics labels only).</summary>
    public const string SourcePod = "x-smi-source-pod";

    /// <summary>Inbound to app: the verified SPIFFE ID of the calling proxy (never taken from the request).</summary>
    public const string ClientId = "x-smi-client-id";

    /// <summary>On responses the proxy generates itself: why (unknown service, denied, no endpoints, timeout...).</summary>
    public const string Reason = "x-smi-reason";

    /// <summary>Removes every <c>x-smi-*</c> header; allocates only when there is one.</summary>
    public static void Strip(IHeaderDictionary headers)
    {
        List<string>? found = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                (found ??= []).Add(header.Key);
            }
        }

        if (found is not null)
        {
            foreach (var name in found)
            {
                headers.Remove(name);
            }
        }
    }
}
