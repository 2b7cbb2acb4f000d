using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Api.Versions.Common;
using A1 = Smi.Api.Versions.Specs.V1Alpha1;
using A2 = Smi.Api.Versions.Specs.V1Alpha2;
using A3 = Smi.Api.Versions.Specs.V1Alpha3;
using A4 = Smi.Api.Versions.Specs.V1Alpha4;

namespace Smi.Api.Conversion;

/// <summary>
/// TCPRoute (v1alpha1–v1alpha4) and UDPRoute (v1alpha4 only) between the wire and the hub.
/// v1alpha1–v1alpha3 TCPRoutes have no ports; ports written down to them are stashed in
/// <see cref="ConversionAnnotations.RouteMatches"/>.
/// </summary>
internal static class L4RouteConversion
{
    public static Result<SmiObject> ToHub(A1.TcpRoute wire) => FromStash(wire);

    public static Result<SmiObject> ToHub(A2.TcpRoute wire) => FromStash(wire);

    public static Result<SmiObject> ToHub(A3.TcpRoute wire) => FromStash(wire);

    public static Result<SmiObject> ToHub(A4.TcpRoute wire) => Result<SmiObject>.Success(Hub(wire, SmiKinds.TcpRoute, wire.Spec?.Matches, out _));

    public static Result<SmiObject> ToHub(A4.UdpRoute wire) => Result<SmiObject>.Success(Hub(wire, SmiKinds.UdpRoute, wire.Spec?.Matches, out _));

    public static Result<SmiResource> ToV1Alpha1(L4Route hub) =>
        Down(hub, stash => new A1.TcpRoute { ApiVersion = A1.TcpRoute.ApiVersionValue, Kind = SmiKinds.TcpRoute, Metadata = MetaConversion.FromHub(hub.Metadata, stash) });

    public static Result<SmiResource> ToV1Alpha2(L4Route hub) =>
        Down(hub, stash => new A2.TcpRoute { ApiVersion = A2.TcpRoute.ApiVersionValue, Kind = SmiKinds.TcpRoute, Metadata = MetaConversion.FromHub(hub.Metadata, stash) });

    public static Result<SmiResource> ToV1Alpha3(L4Route hub) =>
        Down(hub, stash => new A3.TcpRoute { ApiVersion = A3.TcpRoute.ApiVersionValue, Kind = SmiKinds.TcpRoute, Metadata = MetaConversion.FromHub(hub.Metadata, stash), Spec = new A3.TcpRouteSpec() });

    public static Result<SmiResource> ToTcpV1Alpha4(L4Route hub) => hub.RouteKind == SmiKinds.TcpRoute
        ? Result<SmiResource>.Success(new A4.TcpRoute { ApiVersion = A4.TcpRoute.ApiVersionValue, Kind = SmiKinds.TcpRoute, Metadata = MetaConversion.FromHub(hub.Metadata, new Dictionary<string, string>()), Spec = Spec(hub) })
        : WrongKind(hub, SmiKinds.TcpRoute);

    public static Result<SmiResource> ToUdpV1Alpha4(L4Route hub) => hub.RouteKind == SmiKinds.UdpRoute
        ? Result<SmiResource>.Success(new A4.UdpRoute { ApiVersion = A4.UdpRoute.ApiVersionValue, Kind = SmiKinds.UdpRoute, Metadata = MetaConversion.FromHub(hub.Metadata, new Dictionary<string, string>()), Spec = Spec(hub) })
        : WrongKind(hub, SmiKinds.UdpRoute);

    private static Result<SmiObject> FromStash(SmiResource wire)
    {
        var hub = Hub(wire, SmiKinds.TcpRoute, null, out var stash);
        return Stash.Read<A4.L4Match>(stash, ConversionAnnotations.RouteMatches)
            .Map<SmiObject>(match => match is null ? hub : hub with { Ports = Ports(match), MatchName = match.Name });
    }

    private static Result<SmiResource> Down(L4Route hub, Func<IReadOnlyDictionary<string, string>, SmiResource> build)
    {
        if (hub.RouteKind != SmiKinds.TcpRoute)
        {
            return WrongKind(hub, SmiKinds.TcpRoute);
        }

        var stash = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!hub.Ports.IsDefaultOrEmpty || hub.MatchName is not null)
        {
            stash[ConversionAnnotations.RouteMatches] = Stash.Write(Spec(hub).Matches);
        }

        return Result<SmiResource>.Success(build(stash));
    }

    private static L4Route Hub(SmiResource wire, string kind, A4.L4Match? match, out IReadOnlyDictionary<string, string> stash) => new()
    {
        Metadata = MetaConversion.ToHub(wire.Metadata, out stash),
        SourceApiVersion = wire.ApiVersion,
        RouteKind = kind,
        Ports = Ports(match),
        MatchName = match?.Name,
    };

    private static ImmutableArray<int> Ports(A4.L4Match? match) => match?.Ports is { } ports ? [.. ports] : [];

    private static A4.L4RouteSpec Spec(L4Route hub) => new()
    {
        Matches = new A4.L4Match { Name = hub.MatchName, Ports = [.. hub.Ports.IsDefault ? [] : hub.Ports] },
    };

    private static Result<SmiResource> WrongKind(L4Route hub, string kind) =>
        Result<SmiResource>.Failure($"cannot convert a {hub.RouteKind} to a {kind}");
}
