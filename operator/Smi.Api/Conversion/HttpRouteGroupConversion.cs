using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Api.Versions.Common;
using A1 = Smi.Api.Versions.Specs.V1Alpha1;
using A2 = Smi.Api.Versions.Specs.V1Alpha2;
using A3 = Smi.Api.Versions.Specs.V1Alpha3;
using A4 = Smi.Api.Versions.Specs.V1Alpha4;

namespace Smi.Api.Conversion;

/// <summary>
/// HTTPRouteGroup between every served version and the hub. v1alpha1/v1alpha2 carry <c>matches</c>
/// at the top level, v1alpha3/v1alpha4 under <c>spec</c>; v1alpha1 has no headers, which are
/// stashed in <see cref="ConversionAnnotations.Headers"/> on the way down.
/// </summary>
internal static class HttpRouteGroupConversion
{
    public static Result<SmiObject> ToHub(A1.HttpRouteGroup wire)
    {
        var meta = MetaConversion.ToHub(wire.Metadata, out var stash);
        var stashed = Stash.Read<List<StashedHeaders>>(stash, ConversionAnnotations.Headers);
        if (!stashed.IsSuccess)
        {
            return Result<SmiObject>.Failure(stashed.Error, stashed.ErrorPath);
        }

        var wireMatches = wire.Matches ?? [];
        var pending = (stashed.Value ?? []).ToList();
        var restored = new HeaderFilters?[wireMatches.Count];

        // First by position and name (exact, even when names repeat), then by name for matches that moved.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < wireMatches.Count; i++)
            {
                var name = wireMatches[i]?.Name ?? string.Empty;
                var index = restored[i] is null ? pending.FindIndex(s => s.Match == name && (pass == 1 || s.Index == i)) : -1;
                if (index >= 0)
                {
                    restored[i] = pending[index].Headers;
                    pending.RemoveAt(index);
                }
            }
        }

        var matches = wireMatches.Select((m, i) => Match(m?.Name ?? string.Empty, m?.PathRegex, m?.Methods, restored[i]));
        return Result<SmiObject>.Success(Hub(wire.ApiVersion, meta, [.. matches]));
    }

    public static Result<SmiObject> ToHub(A2.HttpRouteGroup wire) =>
        Result<SmiObject>.Success(Hub(wire.ApiVersion, MetaConversion.ToHub(wire.Metadata, out _), ToHub(wire.Matches)));

    public static Result<SmiObject> ToHub(A3.HttpRouteGroup wire) =>
        Result<SmiObject>.Success(Hub(wire.ApiVersion, MetaConversion.ToHub(wire.Metadata, out _), ToHub(wire.Spec?.Matches?.Select(m => Cast(m)).ToList())));

    public static Result<SmiObject> ToHub(A4.HttpRouteGroup wire) =>
        Result<SmiObject>.Success(Hub(wire.ApiVersion, MetaConversion.ToHub(wire.Metadata, out _), ToHub(wire.Spec?.Matches?.Select(m => Cast(m)).ToList())));

    public static Result<SmiResource> ToV1Alpha1(HttpRouteGroup hub)
    {
        var stash = new Dictionary<string, string>(StringComparer.Ordinal);
        var withHeaders = hub.Matches.Select((m, i) => (Match: m, Index: i))
            .Where(m => !m.Match.Headers.IsDefaultOrEmpty)
            .Select(m => new StashedHeaders(m.Match.Name, Headers(m.Match)!, m.Index))
            .ToList();
        if (withHeaders.Count > 0)
        {
            stash[ConversionAnnotations.Headers] = Stash.Write(withHeaders);
        }

        return Result<SmiResource>.Success(new A1.HttpRouteGroup
        {
            ApiVersion = A1.HttpRouteGroup.ApiVersionValue,
            Kind = SmiKinds.HttpRouteGroup,
            Metadata = MetaConversion.FromHub(hub.Metadata, stash),
            Matches = [.. hub.Matches.Select(m => new A1.HttpMatch { Name = m.Name, PathRegex = m.PathRegex, Methods = Methods(m) })],
        });
    }

    public static Result<SmiResource> ToV1Alpha2(HttpRouteGroup hub) => Result<SmiResource>.Success(new A2.HttpRouteGroup
    {
        ApiVersion = A2.HttpRouteGroup.ApiVersionValue,
        Kind = SmiKinds.HttpRouteGroup,
        Metadata = MetaConversion.FromHub(hub.Metadata, new Dictionary<string, string>()),
        Matches = [.. hub.Matches.Select(FromHub)],
    });

    public static Result<SmiResource> ToV1Alpha3(HttpRouteGroup hub) => Result<SmiResource>.Success(new A3.HttpRouteGroup
    {
        ApiVersion = A3.HttpRouteGroup.ApiVersionValue,
        Kind = SmiKinds.HttpRouteGroup,
        Metadata = MetaConversion.FromHub(hub.Metadata, new Dictionary<string, string>()),
        Spec = new A3.HttpRouteGroupSpec
        {
            Matches = [.. hub.Matches.Select(m => new A3.HttpMatch { Name = m.Name, PathRegex = m.PathRegex, Methods = Methods(m), Headers = Headers(m) })],
        },
    });

    public static Result<SmiResource> ToV1Alpha4(HttpRouteGroup hub) => Result<SmiResource>.Success(new A4.HttpRouteGroup
    {
        ApiVersion = A4.HttpRouteGroup.ApiVersionValue,
        Kind = SmiKinds.HttpRouteGroup,
        Metadata = MetaConversion.FromHub(hub.Metadata, new Dictionary<string, string>()),
        Spec = new A4.HttpRouteGroupSpec
        {
            Matches = [.. hub.Matches.Select(m => new A4.HttpMatch { Name = m.Name, PathRegex = m.PathRegex, Methods = Methods(m), Headers = Headers(m) })],
        },
    });

    private static A2.HttpMatch FromHub(HttpMatch m) => new() { Name = m.Name, PathRegex = m.PathRegex, Methods = Methods(m), Headers = Headers(m) };

    // v1alpha2–v1alpha4 matches have the same fields; one shape keeps the mapping in one place.
    private static A2.HttpMatch? Cast(A3.HttpMatch? m) => m is null ? null : new() { Name = m.Name, PathRegex = m.PathRegex, Methods = m.Methods, Headers = m.Headers };

    private static A2.HttpMatch? Cast(A4.HttpMatch? m) => m is null ? null : new() { Name = m.Name, PathRegex = m.PathRegex, Methods = m.Methods, Headers = m.Headers };

    private static ImmutableArray<HttpMatch> ToHub(IEnumerable<A2.HttpMatch?>? matches) =>
        matches is null ? [] : [.. matches.Select(m => Match(m?.Name ?? string.Empty, m?.PathRegex, m?.Methods, m?.Headers))];

    private static HttpMatch Match(string name, string? pathRegex, IList<string>? methods, HeaderFilters? headers)
    {
        var entries = headers?.Entries ?? [];
        return new HttpMatch
        {
            Name = name,
            PathRegex = pathRegex,
            Methods = methods is null ? [] : [.. methods.Select(m => m ?? string.Empty)],
            Headers = [.. entries.Select(e => new HeaderMatch(e.Key, e.Value))],

            // With no headers there is nothing to write back, so the form is moot: normalise it.
            HeadersForm = entries.Count == 0 ? HeadersForm.Map : headers!.Form,
        };
    }

    private static List<string>? Methods(HttpMatch m) => m.Methods.IsDefaultOrEmpty ? null : [.. m.Methods];

    private static HeaderFilters? Headers(HttpMatch m) => m.Headers.IsDefaultOrEmpty
        ? null
        : new HeaderFilters { Form = m.HeadersForm, Entries = [.. m.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.ValueRegex))] };

    private static HttpRouteGroup Hub(string apiVersion, ObjectMeta meta, ImmutableArray<HttpMatch> matches) => new()
    {
        Metadata = meta,
        SourceApiVersion = apiVersion,
        Matches = matches,
    };
}
