using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>
/// The identity and bookkeeping of an object, independent of any Kubernetes client type so that
/// the pure compiler never sees one.
/// </summary>
public sealed record ObjectMeta
{
    /// <summary>The object's name (<c>metadata.name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The object's namespace; manifests without one are read as <c>default</c>, like kubectl does.</summary>
    public required string Namespace { get; init; }

    /// <summary>Server-assigned UID, when read from a cluster.</summary>
    public string? Uid { get; init; }

    /// <summary><c>metadata.generation</c>: bumped by the API server on every spec change.</summary>
    public long Generation { get; init; }

    /// <summary>Creation time, when known. Used only to order objects deterministically (then by name).</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Labels, sorted ordinally.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Annotations, sorted ordinally.</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>"namespace/name", the form used in diagnostics.</summary>
    public string Key => $"{Namespace}/{Name}";
}
