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

/// <summary>
/// One backend of a split. <see cref="Weight"/> is exact: v1alpha1 Kubernetes quantities keep their
/// value (<c>500m</c> is 0.5, <c>1</c> is 1) so ratios survive, unlike the official Go SDK which
/// reads the unscaled integer.
/// </summary>
/// <param name="Service">Backend Service name, in the split's namespace.</param>
/// <param name="Weight">Relative weight. Negative values are representable so that validation can report them.</param>
public sealed record TrafficSplitBackend(string Service, decimal Weight);
