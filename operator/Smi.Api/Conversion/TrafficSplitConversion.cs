using System.Collections.Immutable;
using k8s.Models;
using Smi.Api.Model;
using Smi.Api.Versions.Common;
using A1 = Smi.Api.Versions.Split.V1Alpha1;
using A2 = Smi.Api.Versions.Split.V1Alpha2;
using A3 = Smi.Api.Versions.Split.V1Alpha3;
using A4 = Smi.Api.Versions.Split.V1Alpha4;
using TypedLocalReference = Smi.Api.Model.TypedLocalReference;

namespace Smi.Api.Conversion;

/// <summary>
/// TrafficSplit between every served version and the hub. v1alpha1 quantities keep their exact
/// value; integer versions get exact ratios (see <see cref="WeightScaling"/>); <c>matches</c> and
/// fractional weights survive down-conversion in <see cref="ConversionAnnotations"/>.
/// </summary>
internal static class TrafficSplitConversion
{
    public static Result<SmiObject> ToHub(A1.TrafficSplit wire)
    {
        var meta = MetaConversion.ToHub(wire.Metadata, out var stash);
        var backends = ImmutableArray.CreateBuilder<TrafficSplitBackend>();
        var list = wire.Spec?.Backends ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } backend)
            {
                return Result<SmiObject>.Failure("expected a backend, got null", $"spec.backends[{i}]");
            }

            if (backend.Weight is null)
            {
                return Result<SmiObject>.Failure("required: give the backend a weight, such as 1 or 500m", $"spec.backends[{i}].weight");
            }

            backends.Add(new TrafficSplitBackend(backend.Service ?? string.Empty, QuantityFormat.Normalize(backend.Weight.ToDecimal())));
        }

        return Stash.Read<List<V1TypedLocalObjectReference>>(stash, ConversionAnnotations.SplitMatches)
            .Map<SmiObject>(matches => Hub(wire.ApiVersion, meta, wire.Spec?.Service, backends.ToImmutable(), ToHub(matches)));
    }

    public static Result<SmiObject> ToHub(A2.TrafficSplit wire) =>
        ToHubWhole(wire, wire.Spec?.Service, wire.Spec?.Backends?.Select(b => (b?.Service, (long?)b?.Weight)).ToList(), null);

    public static Result<SmiObject> ToHub(A3.TrafficSplit wire) =>
        ToHubWhole(wire, wire.Spec?.Service, wire.Spec?.Backends?.Select(b => (b?.Service, (long?)b?.Weight)).ToList(), wire.Spec?.Matches);

    public static Result<SmiObject> ToHub(A4.TrafficSplit wire) =>
        ToHubWhole(wire, wire.Spec?.Service, wire.Spec?.Backends?.Select(b => (b?.Service, (long?)b?.Weight)).ToList(), wire.Spec?.Matches);

    public static Result<SmiResource> ToV1Alpha1(TrafficSplit hub)
    {
        var stash = new Dictionary<string, string>(StringComparer.Ordinal);
        StashMatches(hub, stash);
        var wire = new A1.TrafficSplit
        {
            ApiVersion = A1.TrafficSplit.ApiVersionValue,
            Kind = SmiKinds.TrafficSplit,
            Metadata = MetaConversion.FromHub(hub.Metadata, stash),
            Spec = new A1.TrafficSplitSpec
            {
                Service = hub.Service,
                Backends = [.. hub.Backends.Select(b => new A1.TrafficSplitBackend
                {
                    Service = b.Service,
                    Weight = new ResourceQuantity(b.Weight, 0, ResourceQuantity.SuffixFormat.DecimalSI),
                })],
            },
        };
        return Result<SmiResource>.Success(wire);
    }

    public static Result<SmiResource> ToV1Alpha2(TrafficSplit hub)
    {
        var stash = new Dictionary<string, string>(StringComparer.Ordinal);
        StashMatches(hub, stash);
        return WholeWeights(hub, stash).Map<SmiResource>(weights => new A2.TrafficSplit
        {
            ApiVersion = A2.TrafficSplit.ApiVersionValue,
            Kind = SmiKinds.TrafficSplit,
            Metadata = MetaConversion.FromHub(hub.Metadata, stash),
            Spec = new A2.TrafficSplitSpec
            {
                Service = hub.Service,
                Backends = [.. hub.Backends.Select((b, i) => new A2.TrafficSplitBackend { Service = b.Service, Weight = weights[i] })],
            },
        });
    }

    public static Result<SmiResource> ToV1Alpha3(TrafficSplit hub)
    {
        var stash = new Dictionary<string, string>(StringComparer.Ordinal);
        return WholeWeights(hub, stash).Map<SmiResource>(weights => new A3.TrafficSplit
        {
            ApiVersion = A3.TrafficSplit.ApiVersionValue,
            Kind = SmiKinds.TrafficSplit,
            Metadata = MetaConversion.FromHub(hub.Metadata, stash),
            Spec = new A3.TrafficSplitSpec
            {
                Service = hub.Service,
                Backends = [.. hub.Backends.Select((b, i) => new A3.TrafficSplitBackend { Service = b.Service, Weight = weights[i] })],
                Matches = FromHub(hub.Matches),
            },
        });
    }

    public static Result<SmiResource> ToV1Alpha4(TrafficSplit hub)
    {
        var stash = new Dictionary<string, string>(StringComparer.Ordinal);
        return WholeWeights(hub, stash).Map<SmiResource>(weights => new A4.TrafficSplit
        {
            ApiVersion = A4.TrafficSplit.ApiVersionValue,
            Kind = SmiKinds.TrafficSplit,
            Metadata = MetaConversion.FromHub(hub.Metadata, stash),
            Spec = new A4.TrafficSplitSpec
            {
                Service = hub.Service,
                Backends = [.. hub.Backends.Select((b, i) => new A4.TrafficSplitBackend { Service = b.Service, Weight = weights[i] })],
                Matches = FromHub(hub.Matches),
            },
        });
    }

    private static Result<SmiObject> ToHubWhole(SmiResource wire, string? service, List<(string? Service, long? Weight)>? list, IList<V1TypedLocalObjectReference>? matches)
    {
        var meta = MetaConversion.ToHub(wire.Metadata, out var stash);
        list ??= [];
        var backends = ImmutableArray.CreateBuilder<TrafficSplitBackend>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Weight is not { } weight)
            {
                return Result<SmiObject>.Failure("expected a backend, got null", $"spec.backends[{i}]");
            }

            backends.Add(new TrafficSplitBackend(list[i].Service ?? string.Empty, weight));
        }

        var restored = RestoreWeights(backends.ToImmutable(), stash);
        if (matches is null)
        {
            var stashedMatches = Stash.Read<List<V1TypedLocalObjectReference>>(stash, ConversionAnnotations.SplitMatches);
            if (!stashedMatches.IsSuccess)
            {
                return Result<SmiObject>.Failure(stashedMatches.Error, stashedMatches.ErrorPath);
            }

            matches = stashedMatches.Value;
        }

        return Result<SmiObject>.Success(Hub(wire.ApiVersion, meta, service, restored, ToHub(matches)));
    }

    /// <summary>
    /// Restores the exact quantities a v1alpha1 split had before it was written with whole weights,
    /// but only if the whole weights still have the ratio they were written with: a canary tool
    /// that has since changed the weights must win over the stash.
    /// </summary>
    private static ImmutableArray<TrafficSplitBackend> RestoreWeights(ImmutableArray<TrafficSplitBackend> backends, IReadOnlyDictionary<string, string> stash)
    {
        var stashed = Stash.Read<List<string>>(stash, ConversionAnnotations.Weights);
        if (!stashed.IsSuccess || stashed.Value is not { } quantities || quantities.Count != backends.Length)
        {
            return backends;
        }

        var exact = new List<decimal>(quantities.Count);
        foreach (var quantity in quantities)
        {
            if (!QuantityFormat.TryParse(quantity, out var value))
            {
                return backends;
            }

            exact.Add(value);
        }

        var rescaled = WeightScaling.ToWholeNumbers(exact);
        if (!rescaled.IsSuccess || !rescaled.Value.SequenceEqual(backends.Select(b => (long)b.Weight)))
        {
            return backends;
        }

        return [.. backends.Select((b, i) => b with { Weight = exact[i] })];
    }

    private static Result<ImmutableArray<long>> WholeWeights(TrafficSplit hub, Dictionary<string, string> stash)
    {
        var weights = hub.Backends.Select(b => b.Weight).ToList();
        if (WeightScaling.AllWhole(weights))
        {
            return weights.All(w => w is >= long.MinValue and <= long.MaxValue)
                ? Result<ImmutableArray<long>>.Success([.. weights.Select(w => (long)w)])
                : Result<ImmutableArray<long>>.Failure($"a weight exceeds {long.MaxValue}, the largest whole weight v1alpha2+ can hold", "spec.backends");
        }

        var scaled = WeightScaling.ToWholeNumbers(weights);
        if (scaled.IsSuccess)
        {
            stash[ConversionAnnotations.Weights] = Stash.Write(weights.Select(QuantityFormat.Canonical).ToList());
        }

        return scaled.IsSuccess ? scaled : Result<ImmutableArray<long>>.Failure(scaled.Error, "spec.backends");
    }

    private static void StashMatches(TrafficSplit hub, Dictionary<string, string> stash)
    {
        if (!hub.Matches.IsDefaultOrEmpty)
        {
            stash[ConversionAnnotations.SplitMatches] = Stash.Write(FromHub(hub.Matches));
        }
    }

    private static TrafficSplit Hub(string apiVersion, ObjectMeta meta, string? service, ImmutableArray<TrafficSplitBackend> backends, ImmutableArray<TypedLocalReference> matches) => new()
    {
        Metadata = meta,
        SourceApiVersion = apiVersion,
        Service = service ?? string.Empty,
        Backends = backends,
        Matches = matches,
    };

    private static ImmutableArray<TypedLocalReference> ToHub(IList<V1TypedLocalObjectReference>? matches) =>
        matches is null ? [] : [.. matches.Select(m => new TypedLocalReference(m?.Kind ?? string.Empty, m?.Name ?? string.Empty, m?.ApiGroup))];

    private static List<V1TypedLocalObjectReference>? FromHub(ImmutableArray<TypedLocalReference> matches) =>
        matches.IsDefaultOrEmpty ? null : [.. matches.Select(m => new V1TypedLocalObjectReference { Kind = m.Kind, Name = m.Name, ApiGroup = m.ApiGroup })];
}
