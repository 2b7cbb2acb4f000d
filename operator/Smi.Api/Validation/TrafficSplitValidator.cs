using System.Globalization;
using FluentValidation;
using Smi.Api.Conversion;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>
/// TrafficSplit rules. The spec leaves validation beyond the schema to implementations; these are
/// the ones a split needs to route anything: a named root, uniquely named backends, non-negative
/// weights with a positive total that fits a proxy's weight type, and matches that name HTTPRouteGroups.
/// </summary>
public sealed class TrafficSplitValidator : SmiObjectValidator<TrafficSplit>
{
    /// <summary>
    /// The largest total weight: Envoy and most proxies keep weights in 32 bits, and nothing real
    /// needs more (only ratios matter).
    /// </summary>
    public const decimal MaxTotalWeight = uint.MaxValue;

    /// <summary>Kubernetes quantities stop at nano (<c>1n</c>); finer weights cannot be written back.</summary>
    public const int MaxWeightDecimals = 9;

    /// <summary>Adds the rules.</summary>
    public TrafficSplitValidator()
    {
        RuleFor(s => s.Service).Custom((service, context) =>
        {
            if (string.IsNullOrEmpty(service))
            {
                context.Error("spec.service", "required: name the root (apex) Service that clients address");
            }
            else if (!Names.IsDns1035Label(service))
            {
                context.Error("spec.service", $"\"{service}\" is not a valid Service name; it must be {Names.Dns1035Rule}");
            }
        });
        RuleFor(s => s.Backends).Custom((backends, context) => CheckBackends(context.InstanceToValidate, context));
        RuleFor(s => s.Matches).Custom((matches, context) => CheckMatches(context.InstanceToValidate, context));
    }

    private static void CheckBackends(TrafficSplit split, ValidationContext<TrafficSplit> context)
    {
        if (split.Backends.IsDefaultOrEmpty)
        {
            context.Error("spec.backends", "at least one backend is required");
            return;
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var anyNegative = false;
        var anyTooLarge = false;
        for (var i = 0; i < split.Backends.Length; i++)
        {
            var backend = split.Backends[i];
            var path = $"spec.backends[{i}]";
            if (string.IsNullOrEmpty(backend.Service))
            {
                context.Error($"{path}.service", "required: name the backend Service");
            }
            else if (!Names.IsDns1035Label(backend.Service))
            {
                context.Error($"{path}.service", $"\"{backend.Service}\" is not a valid Service name; it must be {Names.Dns1035Rule}");
            }
            else if (firstIndex.TryGetValue(backend.Service, out var first))
            {
                context.Error($"{path}.service", $"backend \"{backend.Service}\" is listed twice (also spec.backends[{first}]); list each Service once with its total weight");
            }
            else
            {
                firstIndex[backend.Service] = i;
            }

            if (backend.Service.Length > 0 && backend.Service == split.Service)
            {
                context.Warning(
                    $"{path}.service",
                    $"backend \"{backend.Service}\" is the root service itself; SMI calls self-referential splits an anti-pattern because the root Service usually selects the pods of every version, so this share is spread over all of them; split to a Service that selects only the current version");
            }

            var weight = Describe(split, backend.Weight);
            if (backend.Weight < 0)
            {
                anyNegative = true;
                context.Error($"{path}.weight", $"weight {weight} is negative; weights must be zero or positive");
            }
            else if (backend.Weight > MaxTotalWeight)
            {
                anyTooLarge = true;
                context.Error($"{path}.weight", $"weight {weight} is too large; weights must add up to at most {MaxTotalWeight} (only their ratio matters, so scale them down)");
            }

            if (QuantityFormat.FractionalDigits(backend.Weight) > MaxWeightDecimals)
            {
                context.Error($"{path}.weight", $"weight {weight} is finer than 1n (0.000000001), the smallest Kubernetes quantity; scale all weights up (only their ratio matters)");
            }
        }

        if (anyNegative || anyTooLarge)
        {
            return;
        }

        var total = split.Backends.Sum(b => b.Weight);
        if (total == 0)
        {
            context.Error("spec.backends", "the weights add up to 0, so no backend can receive traffic; give at least one backend a positive weight");
        }
        else if (total > MaxTotalWeight)
        {
            context.Error("spec.backends", $"the weights add up to {Describe(split, total)}, more than {MaxTotalWeight}; scale them down (only their ratio matters)");
        }
    }

    private static void CheckMatches(TrafficSplit split, ValidationContext<TrafficSplit> context)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < split.Matches.Length; i++)
        {
            var match = split.Matches[i];
            var path = $"spec.matches[{i}]";
            if (match.Kind != SmiKinds.HttpRouteGroup)
            {
                context.Error($"{path}.kind", $"kind \"{match.Kind}\" is not supported; a TrafficSplit can only match {SmiKinds.HttpRouteGroup}");
            }

            if (!string.IsNullOrEmpty(match.ApiGroup) && match.ApiGroup != SmiKinds.SpecsGroup)
            {
                context.Error($"{path}.apiGroup", $"apiGroup \"{match.ApiGroup}\" is not supported; use {SmiKinds.SpecsGroup} or leave it out");
            }

            if (string.IsNullOrEmpty(match.Name))
            {
                context.Error($"{path}.name", $"required: name the {SmiKinds.HttpRouteGroup} to match");
            }
            else if (firstIndex.TryGetValue(match.Name, out var first))
            {
                context.Error($"{path}.name", $"{SmiKinds.HttpRouteGroup} \"{match.Name}\" is listed twice (also spec.matches[{first}]); list each group once");
            }
            else
            {
                firstIndex[match.Name] = i;
            }
        }
    }

    // v1alpha1 users wrote quantities; show weights the way they wrote them.
    private static string Describe(TrafficSplit split, decimal weight) =>
        split.SourceApiVersion.EndsWith("/v1alpha1", StringComparison.Ordinal)
            ? QuantityFormat.Canonical(weight)
            : weight.ToString(CultureInfo.InvariantCulture);
}
