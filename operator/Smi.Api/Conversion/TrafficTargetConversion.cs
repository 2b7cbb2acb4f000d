using System.Globalization;
using Smi.Api.Model;
using Smi.Api.Versions.Common;
using A1 = Smi.Api.Versions.Access.V1Alpha1;
using A2 = Smi.Api.Versions.Access.V1Alpha2;
using A3 = Smi.Api.Versions.Access.V1Alpha3;

namespace Smi.Api.Conversion;

/// <summary>
/// TrafficTarget between every served version and the hub. v1alpha1 has no spec and calls rules
/// <c>specs</c>; v1alpha3 dropped <c>destination.port</c>, which the official SDK loses and we keep
/// in <see cref="ConversionAnnotations.DestinationPort"/>, read back into the hub so that the
/// compiler still restricts access to that port.
/// </summary>
internal static class TrafficTargetConversion
{
    public static Result<SmiObject> ToHub(A1.TrafficTarget wire) => Result<SmiObject>.Success(Hub(
        wire,
        Identity(wire.Destination?.Kind, wire.Destination?.Name, wire.Destination?.Namespace),
        wire.Destination?.Port,
        wire.Specs?.Select(r => Rule(r?.Kind, r?.Name, r?.Matches)),
        wire.Sources?.Select(s => Identity(s?.Kind, s?.Name, s?.Namespace)),
        out _));

    public static Result<SmiObject> ToHub(A2.TrafficTarget wire)
    {
        var d = wire.Spec?.Destination;
        return Result<SmiObject>.Success(Hub(
            wire,
            Identity(d?.Kind, d?.Name, d?.Namespace),
            d?.Port,
            wire.Spec?.Rules?.Select(r => Rule(r?.Kind, r?.Name, r?.Matches)),
            wire.Spec?.Sources?.Select(s => Identity(s?.Kind, s?.Name, s?.Namespace)),
            out _));
    }

    public static Result<SmiObject> ToHub(A3.TrafficTarget wire)
    {
        var d = wire.Spec?.Destination;
        var hub = Hub(
            wire,
            Identity(d?.Kind, d?.Name, d?.Namespace),
            null,
            wire.Spec?.Rules?.Select(r => Rule(r?.Kind, r?.Name, r?.Matches)),
            wire.Spec?.Sources?.Select(s => Identity(s?.Kind, s?.Name, s?.Namespace)),
            out var stash);
        if (!stash.TryGetValue(ConversionAnnotations.DestinationPort, out var text))
        {
            return Result<SmiObject>.Success(hub);
        }

        // The port narrows access; an unreadable one must fail closed, not silently widen to every port.
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? Result<SmiObject>.Success(hub with { DestinationPort = port })
            : Result<SmiObject>.Failure($"expected a port number, got \"{text}\"", Stash.Path(ConversionAnnotations.DestinationPort));
    }

    public static Result<SmiResource> ToV1Alpha1(TrafficTarget hub) => Result<SmiResource>.Success(new A1.TrafficTarget
    {
        ApiVersion = A1.TrafficTarget.ApiVersionValue,
        Kind = SmiKinds.TrafficTarget,
        Metadata = MetaConversion.FromHub(hub.Metadata, new Dictionary<string, string>()),
        Destination = new A1.IdentityBindingSubject { Kind = hub.Destination.Kind, Name = hub.Destination.Name, Namespace = hub.Destination.Namespace, Port = hub.DestinationPort },
        Specs = [.. hub.Rules.Select(r => new A1.TrafficTargetRule { Kind = r.Kind, Name = r.Name, Matches = Matches(r) })],
        Sources = [.. hub.Sources.Select(s => new A1.IdentityBindingSubject { Kind = s.Kind, Name = s.Name, Namespace = s.Namespace })],
    });

    public static Result<SmiResource> ToV1Alpha2(TrafficTarget hub) => Result<SmiResource>.Success(new A2.TrafficTarget
    {
        ApiVersion = A2.TrafficTarget.ApiVersionValue,
        Kind = SmiKinds.TrafficTarget,
        Metadata = MetaConversion.FromHub(hub.Metadata, new Dictionary<string, string>()),
        Spec = new A2.TrafficTargetSpec
        {
            Destination = new A2.IdentityBindingSubject { Kind = hub.Destination.Kind, Name = hub.Destination.Name, Namespace = hub.Destination.Namespace, Port = hub.DestinationPort },
            Rules = [.. hub.Rules.Select(r => new A2.TrafficTargetRule { Kind = r.Kind, Name = r.Name, Matches = Matches(r) })],
            Sources = [.. hub.Sources.Select(s => new A2.IdentityBindingSubject { Kind = s.Kind, Name = s.Name, Namespace = s.Namespace })],
        },
    });

    public static Result<SmiResource> ToV1Alpha3(TrafficTarget hub)
    {
        var stash = new Dictionary<string, string>(StringComparer.Ordinal);
        if (hub.DestinationPort is { } port)
        {
            stash[ConversionAnnotations.DestinationPort] = port.ToString(CultureInfo.InvariantCulture);
        }

        return Result<SmiResource>.Success(new A3.TrafficTarget
        {
            ApiVersion = A3.TrafficTarget.ApiVersionValue,
            Kind = SmiKinds.TrafficTarget,
            Metadata = MetaConversion.FromHub(hub.Metadata, stash),
            Spec = new A3.TrafficTargetSpec
            {
                Destination = new A3.IdentityBindingSubject { Kind = hub.Destination.Kind, Name = hub.Destination.Name, Namespace = hub.Destination.Namespace },
                Rules = [.. hub.Rules.Select(r => new A3.TrafficTargetRule { Kind = r.Kind, Name = r.Name, Matches = Matches(r) })],
                Sources = [.. hub.Sources.Select(s => new A3.IdentityBindingSubject { Kind = s.Kind, Name = s.Name, Namespace = s.Namespace })],
            },
        });
    }

    private static TrafficTarget Hub(
        SmiResource wire,
        IdentityReference destination,
        int? port,
        IEnumerable<TrafficTargetRule>? rules,
        IEnumerable<IdentityReference>? sources,
        out IReadOnlyDictionary<string, string> stash) => new()
        {
            Metadata = MetaConversion.ToHub(wire.Metadata, out stash),
            SourceApiVersion = wire.ApiVersion,
            Destination = destination,
            DestinationPort = port,
            Rules = rules is null ? [] : [.. rules],
            Sources = sources is null ? [] : [.. sources],
        };

    private static IdentityReference Identity(string? kind, string? name, string? ns) => new(kind ?? string.Empty, name ?? string.Empty, ns);

    private static TrafficTargetRule Rule(string? kind, string? name, IList<string>? matches) =>
        new(kind ?? string.Empty, name ?? string.Empty, matches is null ? [] : [.. matches.Select(m => m ?? string.Empty)]);

    private static List<string>? Matches(TrafficTargetRule rule) => rule.Matches.IsDefaultOrEmpty ? null : [.. rule.Matches];
}
