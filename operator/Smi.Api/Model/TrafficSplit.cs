using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>
/// A TrafficSplit (split.smi-spec.io v1alpha1–v1alpha4) in hub form: the root (apex) service, its
/// weighted backends and, from v1alpha3, the HTTPRouteGroups whose matches it applies to.
/// </summary>
public sealed record TrafficSplit : SmiObject
{
    /// <inheritdoc />
    public override string Kind => SmiKinds.TrafficSplit;

    /// <summary><c>spec.service</c>: the root (apex) Service name, in the split's namespace.</summary>
    public required string Service { get; init; }

    /// <summary><c>spec.backends</c>, in the order written.</summary>
    public ImmutableArray<TrafficSplitBackend> Backends { get; init; } = [];

    /// <summary><c>spec.matches</c> (v1alpha3+): empty means the split applies to every request.</summary>
    public ImmutableArray<TypedLocalReference> Matches { get; init; } = [];
}
