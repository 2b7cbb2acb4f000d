using System.Collections.Immutable;
using Smi.Core.Diagnostics;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>What a compile produces: one config per proxy identity, a status per SMI object, and diagnostics.</summary>
/// <param name="Configs">Config per identity (each with its revision set), sorted by identity.</param>
/// <param name="Statuses">Accepted/ResolvedRefs conditions of every SMI object, sorted.</param>
/// <param name="Diagnostics">Findings (future Kubernetes Events), sorted.</param>
public sealed record CompileResult(
    ImmutableSortedDictionary<ProxyIdentity, MeshProxyConfig> Configs,
    ImmutableArray<ObjectStatus> Statuses,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>
    /// Every Service's outbound view (by <see cref="ServiceKey"/>) and every cluster (by id), whoever may
    /// reach them: what `explain` reads to say who would deny a request.
    /// </summary>
    public MeshCatalog Catalog { get; init; } = MeshCatalog.Empty;
}
