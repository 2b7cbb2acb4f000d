using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Smi.Api.Conversion;
using Smi.Api.Model;
using TypedLocalReference = Smi.Api.Model.TypedLocalReference;

namespace Smi.Api.Tests.Conversion;

/// <summary>Generators of hub objects with every field exercised, for conversion round-trip properties.</summary>
public static class HubArbitraries
{
    private static readonly Gen<string> Names = Gen.Elements("web", "web-v1", "web-v2", "api", "a", "b-2", "prometheus", "payments-service");

    private static readonly Gen<string> Namespaces = Gen.Elements("default", "shop", "monitoring");

    public static Arbitrary<TrafficSplit> TrafficSplits() => Arb.From(
        from meta in Meta()
        from service in Names
        from backends in Some(Backend(), 1, 4)
        from matches in Some(Match(), 0, 3)
        select new TrafficSplit { Metadata = meta, SourceApiVersion = "hub", Service = service, Backends = [.. backends], Matches = [.. matches] });

    public static Arbitrary<TrafficTarget> TrafficTargets() => Arb.From(
        from meta in Meta()
        from destination in Identity()
        from port in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 65535).Select(p => (int?)p))
        from rules in Some(Rule(), 0, 3)
        from sources in Some(Identity(), 0, 3)
        select new TrafficTarget { Metadata = meta, SourceApiVersion = "hub", Destination = destination, DestinationPort = port, Rules = [.. rules], Sources = [.. sources] });

    public static Arbitrary<HttpRouteGroup> HttpRouteGroups() => Arb.From(
        from meta in Meta()
        from matches in Some(HttpMatch(), 0, 3)
        select new HttpRouteGroup { Metadata = meta, SourceApiVersion = "hub", Matches = [.. matches] });

    public static Arbitrary<L4Route> L4Routes() => Arb.From(
        from meta in Meta()
        from kind in Gen.Elements(SmiKinds.TcpRoute, SmiKinds.UdpRoute)
        from ports in Some(Gen.Choose(1, 65535), 0, 3)
        from name in Gen.OneOf(Gen.Constant<string?>(null), Names.Select(n => (string?)n))
        select new L4Route { Metadata = meta, SourceApiVersion = "hub", RouteKind = kind, Ports = [.. ports], MatchName = name });

    private static Gen<ObjectMeta> Meta() =>
        from name in Names
        from ns in Namespaces
        from uid in Gen.OneOf(Gen.Constant<string?>(null), Gen.Choose(1, 9999).Select(i => (string?)$"uid-{i}"))
        from generation in Gen.Choose(0, 5)
        from created in Gen.OneOf(Gen.Constant<DateTimeOffset?>(null), Gen.Choose(0, 100_000_000).Select(s => (DateTimeOffset?)new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(s)))
        from labels in Some(Gen.Zip(Gen.Elements("app", "version", "team"), Names), 0, 3)
        from annotations in Some(Gen.Zip(Gen.Elements("example.com/a", "example.com/b", "flagger.app/revision"), Names), 0, 3)
        select new ObjectMeta
        {
            Name = name,
            Namespace = ns,
            Uid = uid,
            Generation = generation,
            CreationTimestamp = created,
            Labels = Dictionary(labels),
            Annotations = Dictionary(annotations),
        };

    // Quantities as users write them: whole numbers, milli, micro and nano fractions, occasionally negative.
    private static Gen<TrafficSplitBackend> Backend() =>
        from service in Names
        from mantissa in Gen.Frequency((9, Gen.Choose(0, 100_000)), (1, Gen.Choose(-1000, -1)))
        from decimals in Gen.Elements(0, 0, 1, 2, 3, 6, 9)
        select new TrafficSplitBackend(service, QuantityFormat.Normalize(mantissa / QuantityFormat.Pow10(decimals)));

    private static Gen<TypedLocalReference> Match() =>
        from name in Names
        from apiGroup in Gen.Elements<string?>(null, SmiKinds.SpecsGroup)
        select new TypedLocalReference(SmiKinds.HttpRouteGroup, name, apiGroup);

    private static Gen<IdentityReference> Identity() =>
        from name in Names
        from ns in Gen.OneOf(Gen.Constant<string?>(null), Namespaces.Select(n => (string?)n))
        select new IdentityReference(SmiKinds.ServiceAccount, name, ns);

    private static Gen<TrafficTargetRule> Rule() =>
        from kind in Gen.Elements(SmiKinds.HttpRouteGroup, SmiKinds.TcpRoute, SmiKinds.UdpRoute)
        from name in Names
        from matches in Some(Names, 0, kind == SmiKinds.HttpRouteGroup ? 3 : 0)
        select new TrafficTargetRule(kind, name, [.. matches]);

    private static Gen<HttpMatch> HttpMatch() =>
        from name in Names
        from path in Gen.Elements<string?>(null, "/api", "/metrics", ".*", "/v[0-9]+/")
        from methods in Gen.SubListOf("GET", "HEAD", "POST", "*")
        from headerNames in Gen.SubListOf("user-agent", "cookie", "x-canary")
        from values in Gen.ListOf(Gen.Elements(".*Firefox.*", "^(.*?;)?(type=insider)(;.*)?$", "always"), headerNames.Count)
        from form in Gen.Elements(HeadersForm.Map, HeadersForm.List)
        select new HttpMatch
        {
            Name = name,
            PathRegex = path,
            Methods = [.. methods],
            Headers = [.. headerNames.Zip(values, (n, v) => new HeaderMatch(n, v))],
            HeadersForm = headerNames.Count == 0 ? HeadersForm.Map : form,
        };

    private static Gen<List<T>> Some<T>(Gen<T> gen, int min, int max) => Gen.Choose(min, max).SelectMany(n => Gen.ListOf(gen, n));

    private static ImmutableSortedDictionary<string, string> Dictionary(List<(string Key, string Value)> pairs) =>
        pairs.GroupBy(p => p.Key).ToImmutableSortedDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
}
