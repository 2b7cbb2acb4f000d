using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>
/// What the inbound listener of a proxy needs: the ports its app serves and the access rules.
/// Access is decided per request from the verified peer identity, the destination (container)
/// port and the HTTP request; see <see cref="AccessRule"/> for the exact rule.
/// </summary>
public sealed record InboundConfig
{
    /// <summary>
    /// When true, any peer may call any port and route (SMI's default deny is switched off for this
    /// identity's namespace or the whole mesh). Peers without a mesh certificate are admitted too,
    /// with no identity.
    /// </summary>
    public bool Permissive { get; init; }

    /// <summary>The Services whose endpoints include pods of this identity (sorted by namespace, name).</summary>
    public ImmutableArray<InboundService> Services { get; init; } = [];

    /// <summary>
    /// Access rules (sorted by origin). A request is allowed iff <see cref="Permissive"/> or at least
    /// one rule allows it; otherwise it is denied with 403.
    /// </summary>
    public ImmutableArray<AccessRule> Rules { get; init; } = [];
}
