using System.Globalization;
using FluentValidation;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>
/// TrafficPolicy rules: every field, with the path the user wrote and what to write instead. What
/// only the cluster can tell (does the Service, port or route group exist) is the compiler's job
/// and shows up as <c>ResolvedRefs=False</c> in the status.
/// </summary>
public sealed class TrafficPolicyValidator : SmiObjectValidator<TrafficPolicy>
{
    /// <summary>The longest duration the proxy contract carries (milliseconds in 32 bits): 24 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(24);

    /// <summary>Most retries a policy may ask for.</summary>
    public const int MaxRetryAttempts = 10;

    /// <summary>Most in-flight mirror requests per proxy a policy may ask for.</summary>
    public const int MaxMirrorConcurrency = 10_000;

    /// <summary>The load-balancing policies the proxy implements (YARP's), as written in <c>spec.loadBalancing</c>.</summary>
    public static readonly IReadOnlyList<string> LoadBalancingPolicies = ["RoundRobin", "LeastRequests", "PowerOfTwoChoices", "Random"];

    /// <summary>Adds the rules.</summary>
    public TrafficPolicyValidator()
    {
        RuleFor(p => p.TargetRef).Custom((_, context) => CheckTarget(context.InstanceToValidate, context));
        RuleFor(p => p.Matches).Custom((_, context) => CheckMatches(context.InstanceToValidate, context));
        RuleFor(p => p.Mirror).Custom((_, context) => CheckMirror(context.InstanceToValidate, context));
        RuleFor(p => p.RateLimits).Custom((_, context) => TrafficPolicyRateLimitRules.Check(context.InstanceToValidate, context));
        RuleFor(p => p.Faults).Custom((_, context) => CheckFaults(context.InstanceToValidate, context));
        RuleFor(p => p.LoadBalancing).Custom((_, context) => CheckResilience(context.InstanceToValidate, context));
        RuleFor(p => p).Custom((policy, context) =>
        {
            if (policy.Mirror is null && policy.RateLimits.IsDefaultOrEmpty && policy.Faults is null && policy.LoadBalancing is null
                && policy.Timeouts is null && policy.Retries is null && policy.OutlierDetection is null && policy.AccessLog is null)
            {
                context.Warning("spec", "the policy sets nothing: add at least one of mirror, rateLimits, faults, loadBalancing, timeouts, retries, outlierDetection or accessLog");
            }
        });
    }

    /// <summary>Checks an optional duration at <paramref name="path"/>; true when it is absent or valid.</summary>
    internal static void Duration<T>(ValidationContext<T> context, string path, string? text, bool required, string what)
    {
        if (text is null)
        {
            if (required)
            {
                context.Error(path, $"required: {what}, as {GoDuration.Format}");
            }

            return;
        }

        if (!GoDuration.TryParse(text, out var duration))
        {
            context.Error(path, $"\"{text}\" is not a duration; write {GoDuration.Format}");
        }
        else if (duration < TimeSpan.FromMilliseconds(1))
        {
            context.Error(path, $"\"{text}\" is shorter than 1ms; {what} must be at least 1ms");
        }
        else if (duration > MaxDuration)
        {
            context.Error(path, $"\"{text}\" is longer than 24 days (576h), the longest duration a proxy accepts");
        }
    }

    /// <summary>Checks a percentage: required, 0 &lt; percent &lt;= 100.</summary>
    internal static void Percent<T>(ValidationContext<T> context, string path, double? percent, string what)
    {
        if (percent is not { } value)
        {
            context.Error(path, $"required: the share of matching requests to {what}, greater than 0 and at most 100 (decimals allowed, e.g. 0.5)");
        }
        else if (!(value > 0 && value <= 100))
        {
            context.Error(path, $"percent {value.ToString(CultureInfo.InvariantCulture)} is out of range; it must be greater than 0 and at most 100 (decimals allowed, e.g. 0.5)");
        }
    }

    private static void Port<T>(ValidationContext<T> context, string path, int? port)
    {
        if (port is { } value && value is < 1 or > 65535)
        {
            context.Error(path, $"port {value} is out of range; a Service port is 1..65535");
        }
    }

    private static void CheckTarget(TrafficPolicy policy, ValidationContext<TrafficPolicy> context)
    {
        Port(context, "spec.port", policy.Port);
        if (policy.TargetRef is not { } target)
        {
            context.Error("spec.targetRef", "required: name the Service the policy applies to, e.g. targetRef: { kind: Service, name: web }");
            return;
        }

        if (target.Kind != SmiKinds.Service)
        {
            context.Error("spec.targetRef.kind", target.Kind.Length == 0
                ? "required: kind must be Service"
                : $"kind \"{target.Kind}\" is not supported; a TrafficPolicy targets a Service");
        }

        ServiceName(context, "spec.targetRef.name", target.Name, "name the Service the policy applies to");
    }

    private static void ServiceName<T>(ValidationContext<T> context, string path, string name, string required)
    {
        if (name.Length == 0)
        {
            context.Error(path, $"required: {required}");
        }
        else if (!Names.IsDns1035Label(name))
        {
            context.Error(path, $"\"{name}\" is not a valid Service name; it must be {Names.Dns1035Rule}");
        }
    }

    private static void CheckMatches(TrafficPolicy policy, ValidationContext<TrafficPolicy> context)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Matches.Length; i++)
        {
            var match = policy.Matches[i];
            var path = $"spec.matches[{i}]";
            if (match.Kind != SmiKinds.HttpRouteGroup)
            {
                context.Error($"{path}.kind", match.Kind.Length == 0
                    ? "required: kind must be HTTPRouteGroup"
                    : $"kind \"{match.Kind}\" is not supported; a TrafficPolicy can only match HTTPRouteGroup");
            }

            if (match.Name.Length == 0)
            {
                context.Error($"{path}.name", "required: name the HTTPRouteGroup to match");
            }
            else if (seen.TryGetValue(match.Name, out var first))
            {
                context.Error($"{path}.name", $"HTTPRouteGroup \"{match.Name}\" is listed twice (also spec.matches[{first}]); list each group once with all its match names");
            }
            else
            {
                seen[match.Name] = i;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < match.Matches.Length; j++)
            {
                if (match.Matches[j].Length == 0)
                {
                    context.Error($"{path}.matches[{j}]", "match names cannot be empty; name a match of the group, or leave matches out for all of them");
                }
                else if (!names.Add(match.Matches[j]))
                {
                    context.Warning($"{path}.matches[{j}]", $"match \"{match.Matches[j]}\" is listed twice");
                }
            }
        }
    }

    private static void CheckMirror(TrafficPolicy policy, ValidationContext<TrafficPolicy> context)
    {
        if (policy.Mirror is not { } mirror)
        {
            return;
        }

        ServiceName(context, "spec.mirror.service", mirror.Service, "name the Service that receives the copies");
        if (mirror.Service.Length > 0 && mirror.Service == policy.TargetRef?.Name)
        {
            context.Error("spec.mirror.service", $"the mirror \"{mirror.Service}\" is the target Service itself: every copy would be mirrored again (a loop); mirror to a separate Service such as {mirror.Service}-shadow");
        }

        Port(context, "spec.mirror.port", mirror.Port);
        Percent(context, "spec.mirror.percent", mirror.Percent, "copy");
        if (mirror.MaxConcurrent is { } max && max is < 1 or > MaxMirrorConcurrency)
        {
            context.Error("spec.mirror.maxConcurrent", $"maxConcurrent {max} is out of range; it must be 1..{MaxMirrorConcurrency} (default 32)");
        }
    }

    private static void CheckFaults(TrafficPolicy policy, ValidationContext<TrafficPolicy> context)
    {
        if (policy.Faults is not { } faults)
        {
            return;
        }

        if (faults.Delay is null && faults.Abort is null)
        {
            context.Warning("spec.faults", "faults sets neither delay nor abort, so nothing is injected");
        }

        if (faults.Delay is { } delay)
        {
            Percent(context, "spec.faults.delay.percent", delay.Percent, "delay");
            Duration(context, "spec.faults.delay.fixedDelay", delay.FixedDelay, required: true, "the delay");
        }

        if (faults.Abort is { } abort)
        {
            Percent(context, "spec.faults.abort.percent", abort.Percent, "abort");
            if (abort.HttpStatus is not { } status)
            {
                context.Error("spec.faults.abort.httpStatus", "required: the status code aborted requests get, 200..599 (e.g. 503)");
            }
            else if (status is < 200 or > 599)
            {
                context.Error("spec.faults.abort.httpStatus", $"status {status} is out of range; use an HTTP status 200..599 (e.g. 503)");
            }
        }
    }

    private static void CheckResilience(TrafficPolicy policy, ValidationContext<TrafficPolicy> context)
    {
        if (policy.LoadBalancing is { } lb && !LoadBalancingPolicies.Contains(lb, StringComparer.Ordinal))
        {
            context.Error("spec.loadBalancing", $"unknown load-balancing policy \"{lb}\"; use one of RoundRobin, LeastRequests, PowerOfTwoChoices, Random");
        }

        if (policy.Timeouts is { } timeouts)
        {
            if (timeouts.Request is null && timeouts.Connect is null)
            {
                context.Warning("spec.timeouts", "timeouts sets neither request nor connect, so the defaults apply");
            }

            Duration(context, "spec.timeouts.request", timeouts.Request, required: false, "the request timeout");
            Duration(context, "spec.timeouts.connect", timeouts.Connect, required: false, "the connect timeout");
        }

        if (policy.Retries is { } retries)
        {
            if (retries.Attempts is not { } attempts)
            {
                context.Error("spec.retries.attempts", $"required: how many extra attempts, 0..{MaxRetryAttempts}");
            }
            else if (attempts is < 0 or > MaxRetryAttempts)
            {
                context.Error("spec.retries.attempts", $"attempts {attempts} is out of range; use 0..{MaxRetryAttempts} (0 turns retries off)");
            }

            if (retries.BudgetPercent is { } budget && budget is < 1 or > 100)
            {
                context.Error("spec.retries.budgetPercent", $"budgetPercent {budget} is out of range; use 1..100, or leave it out for no budget");
            }
        }

        if (policy.OutlierDetection is { } outlier)
        {
            if (outlier.ConsecutiveFailures is not { } failures)
            {
                context.Error("spec.outlierDetection.consecutiveFailures", "required: how many consecutive failures eject an endpoint (at least 1)");
            }
            else if (failures < 1)
            {
                context.Error("spec.outlierDetection.consecutiveFailures", $"consecutiveFailures {failures} must be at least 1");
            }

            Duration(context, "spec.outlierDetection.ejectionTime", outlier.EjectionTime, required: true, "how long an ejected endpoint stays out");
        }
    }
}
