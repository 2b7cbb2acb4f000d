using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Api.Versions.Common;
using P1 = Smi.Api.Versions.Policy.V1Alpha1;

namespace Smi.Api.Conversion;

/// <summary>TrafficPolicy between its only version (v1alpha1) and the hub: a field-for-field copy.</summary>
internal static class TrafficPolicyConversion
{
    public static Result<SmiObject> ToHub(P1.TrafficPolicy wire)
    {
        var spec = wire.Spec;
        return Result<SmiObject>.Success(new TrafficPolicy
        {
            Metadata = MetaConversion.ToHub(wire.Metadata, out _),
            SourceApiVersion = P1.TrafficPolicy.ApiVersionValue,
            TargetRef = spec?.TargetRef is { } target ? new PolicyTargetRef(target.Kind ?? string.Empty, target.Name ?? string.Empty) : null,
            Port = spec?.Port,
            Matches = [.. (spec?.Matches ?? []).Select(m => new PolicyRouteMatch(m?.Kind ?? string.Empty, m?.Name ?? string.Empty, [.. (m?.Matches ?? []).Select(n => n ?? string.Empty)]))],
            Mirror = spec?.Mirror is { } mirror ? new PolicyMirror(mirror.Service ?? string.Empty, mirror.Port, mirror.Percent, mirror.MaxConcurrent) : null,
            RateLimits = [.. (spec?.RateLimits ?? []).Select(r => new PolicyRateLimit(
                r?.Requests,
                r?.Period,
                r?.Burst,
                r?.PerSource,
                [.. (r?.Sources ?? []).Select(s => new IdentityReference(s?.Kind ?? string.Empty, s?.Name ?? string.Empty, s?.Namespace))]))],
            Faults = spec?.Faults is { } faults
                ? new PolicyFaults(
                    faults.Delay is { } delay ? new PolicyDelayFault(delay.Percent, delay.FixedDelay) : null,
                    faults.Abort is { } abort ? new PolicyAbortFault(abort.Percent, abort.HttpStatus) : null)
                : null,
            LoadBalancing = spec?.LoadBalancing,
            Timeouts = spec?.Timeouts is { } timeouts ? new PolicyTimeouts(timeouts.Request, timeouts.Connect) : null,
            Retries = spec?.Retries is { } retries ? new PolicyRetries(retries.Attempts, retries.BudgetPercent) : null,
            OutlierDetection = spec?.OutlierDetection is { } outlier ? new PolicyOutlierDetection(outlier.ConsecutiveFailures, outlier.EjectionTime) : null,
            AccessLog = spec?.AccessLog,
        });
    }

    public static Result<SmiResource> ToV1Alpha1(TrafficPolicy hub) => Result<SmiResource>.Success(new P1.TrafficPolicy
    {
        ApiVersion = P1.TrafficPolicy.ApiVersionValue,
        Kind = SmiKinds.TrafficPolicy,
        Metadata = MetaConversion.FromHub(hub.Metadata, ImmutableDictionary<string, string>.Empty),
        Spec = new P1.TrafficPolicySpec
        {
            TargetRef = hub.TargetRef is { } target ? new P1.PolicyTargetRef { Kind = target.Kind, Name = target.Name } : null,
            Port = hub.Port,
            Matches = hub.Matches.IsDefaultOrEmpty ? null : [.. hub.Matches.Select(m => new P1.PolicyRouteMatch
            {
                Kind = m.Kind,
                Name = m.Name,
                Matches = m.Matches.IsDefaultOrEmpty ? null : [.. m.Matches],
            })],
            Mirror = hub.Mirror is { } mirror ? new P1.PolicyMirror { Service = mirror.Service, Port = mirror.Port, Percent = mirror.Percent, MaxConcurrent = mirror.MaxConcurrent } : null,
            RateLimits = hub.RateLimits.IsDefaultOrEmpty ? null : [.. hub.RateLimits.Select(r => new P1.PolicyRateLimit
            {
                Requests = r.Requests,
                Period = r.Period,
                Burst = r.Burst,
                PerSource = r.PerSource,
                Sources = r.Sources.IsDefaultOrEmpty ? null : [.. r.Sources.Select(s => new P1.PolicySource { Kind = s.Kind, Name = s.Name, Namespace = s.Namespace })],
            })],
            Faults = hub.Faults is { } faults
                ? new P1.PolicyFaults
                {
                    Delay = faults.Delay is { } d ? new P1.PolicyDelayFault { Percent = d.Percent, FixedDelay = d.FixedDelay } : null,
                    Abort = faults.Abort is { } a ? new P1.PolicyAbortFault { Percent = a.Percent, HttpStatus = a.HttpStatus } : null,
                }
                : null,
            LoadBalancing = hub.LoadBalancing,
            Timeouts = hub.Timeouts is { } t ? new P1.PolicyTimeouts { Request = t.Request, Connect = t.Connect } : null,
            Retries = hub.Retries is { } r2 ? new P1.PolicyRetries { Attempts = r2.Attempts, BudgetPercent = r2.BudgetPercent } : null,
            OutlierDetection = hub.OutlierDetection is { } o ? new P1.PolicyOutlierDetection { ConsecutiveFailures = o.ConsecutiveFailures, EjectionTime = o.EjectionTime } : null,
            AccessLog = hub.AccessLog,
        },
    });
}
