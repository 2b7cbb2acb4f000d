using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>
/// A TrafficTarget (access.smi-spec.io v1alpha1–v1alpha3): who (sources) may reach which identity
/// (destination) over which routes (rules). Access is deny-by-default and additive.
/// </summary>
public sealed record TrafficTarget : SmiObject
{
    /// <inheritdoc />
    public override string Kind => SmiKinds.TrafficTarget;

    /// <summary>The destination identity (a ServiceAccount).</summary>
    public required IdentityReference Destination { get; init; }

    /// <summary>
    /// v1alpha1/v1alpha2 <c>destination.port</c>. v1alpha3 moved ports into TCPRoute/UDPRoute; the
    /// hub keeps it (the official SDK drops it) and the compiler treats it as an extra TCPRoute
    /// restricting the destination to this port. Null means every port.
    /// </summary>
    public int? DestinationPort { get; init; }

    /// <summary>Rules (v1alpha1 <c>specs</c>): route references, optionally narrowed to named matches.</summary>
    public ImmutableArray<TrafficTargetRule> Rules { get; init; } = [];

    /// <summary>Identities allowed to reach the destination.</summary>
    public ImmutableArray<IdentityReference> Sources { get; init; } = [];
}
