using FluentValidation;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>The rules of <c>spec.rateLimits</c>, apart from the rest of the TrafficPolicy's to keep files small.</summary>
internal static class TrafficPolicyRateLimitRules
{
    public static void Check(TrafficPolicy policy, ValidationContext<TrafficPolicy> context)
    {
        for (var i = 0; i < policy.RateLimits.Length; i++)
        {
            var limit = policy.RateLimits[i];
            var path = $"spec.rateLimits[{i}]";
            if (limit.Requests is not { } requests)
            {
                context.Error($"{path}.requests", "required: how many requests each period allows (at least 1)");
            }
            else if (requests < 1)
            {
                context.Error($"{path}.requests", $"requests {requests} must be at least 1; to block a caller, leave it out of the TrafficTarget instead");
            }

            TrafficPolicyValidator.Duration(context, $"{path}.period", limit.Period, required: true, "the period the requests are counted over (e.g. 1s; a quota is a long period such as 1h)");
            if (limit.Burst is { } burst)
            {
                if (burst < 1)
                {
                    context.Error($"{path}.burst", $"burst {burst} must be at least 1 (leave it out for burst = requests)");
                }
                else if (limit.Requests is { } r && r > 0 && burst < r)
                {
                    context.Warning($"{path}.burst", $"burst {burst} is smaller than requests {r}, so at most {burst} requests pass per period; raise burst to at least requests or lower requests");
                }
            }

            CheckSources(context, path, limit);
        }
    }

    private static void CheckSources(ValidationContext<TrafficPolicy> context, string path, PolicyRateLimit limit)
    {
        var seen = new HashSet<(string, string)>();
        for (var j = 0; j < limit.Sources.Length; j++)
        {
            var source = limit.Sources[j];
            var sourcePath = $"{path}.sources[{j}]";
            if (source.Kind != SmiKinds.ServiceAccount)
            {
                context.Error($"{sourcePath}.kind", source.Kind.Length == 0
                    ? "required: kind must be ServiceAccount"
                    : $"kind \"{source.Kind}\" is not supported; rate-limit sources are ServiceAccounts");
            }

            if (source.Name.Length == 0)
            {
                context.Error($"{sourcePath}.name", "required: name the caller's ServiceAccount");
            }
            else if (!seen.Add((source.Namespace ?? string.Empty, source.Name)))
            {
                context.Warning($"{sourcePath}", $"ServiceAccount \"{source.Name}\" is listed twice");
            }
        }
    }
}
