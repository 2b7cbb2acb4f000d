using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>One port of a reachable Service and its ordered routes.</summary>
public sealed record OutboundPort
{
    /// <summary>Service port number.</summary>
    public required int Port { get; init; }

    /// <summary>Port name, if any.</summary>
    public string? Name { get; init; }

    /// <summary><see cref="AppProtocol.Http"/> or <see cref="AppProtocol.Tcp"/>.</summary>
    public string Protocol { get; init; } = AppProtocol.Http;

    /// <summary>
    /// Routes in evaluation order: the first whose matches accept the request wins. The last route
    /// has no matches and catches everything else; it is never missing.
    /// </summary>
    public required ImmutableArray<OutboundRoute> Routes { get; init; }

    /// <summary>TrafficPolicy entries in evaluation order (see <see cref="OutboundPolicy"/>); empty when none applies.</summary>
    public ImmutableArray<OutboundPolicy> Policies { get; init; } = [];
}
