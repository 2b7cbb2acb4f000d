using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>
/// An HTTPRouteGroup (specs.smi-spec.io v1alpha1–v1alpha4). v1alpha1/v1alpha2 carry <c>matches</c>
/// at the top level; v1alpha3/v1alpha4 under <c>spec</c>. The hub holds the matches either way.
/// </summary>
public sealed record HttpRouteGroup : SmiObject
{
    /// <inheritdoc />
    public override string Kind => SmiKinds.HttpRouteGroup;

    /// <summary>The named matches; a TrafficSplit or TrafficTarget rule ORs over them.</summary>
    public ImmutableArray<HttpMatch> Matches { get; init; } = [];
}
