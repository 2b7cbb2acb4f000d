using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>
/// A TCPRoute (v1alpha1–v1alpha4) or UDPRoute (v1alpha4): a set of destination ports. Empty
/// <see cref="Ports"/> means every port of the destination (v1alpha1–v1alpha3 have no fields at all).
/// </summary>
public sealed record L4Route : SmiObject
{
    /// <summary><see cref="SmiKinds.TcpRoute"/> or <see cref="SmiKinds.UdpRoute"/>.</summary>
    public required string RouteKind { get; init; }

    /// <inheritdoc />
    public override string Kind => RouteKind;

    /// <summary><c>spec.matches.ports</c>; empty means all ports.</summary>
    public ImmutableArray<int> Ports { get; init; } = [];

    /// <summary><c>spec.matches.name</c> (present in the Go types, absent from the official CRD).</summary>
    public string? MatchName { get; init; }

    /// <summary>The L4 protocol this route admits.</summary>
    public L4Protocol Protocol => RouteKind == SmiKinds.UdpRoute ? L4Protocol.Udp : L4Protocol.Tcp;
}
