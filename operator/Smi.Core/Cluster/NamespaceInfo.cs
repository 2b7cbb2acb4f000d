using System.Collections.Immutable;

namespace Smi.Core.Cluster;

/// <summary>A namespace.</summary>
/// <param name="Name">Namespace name.</param>
public sealed record NamespaceInfo(string Name)
{
    /// <summary>Labels.</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Annotations.</summary>
    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;
}
