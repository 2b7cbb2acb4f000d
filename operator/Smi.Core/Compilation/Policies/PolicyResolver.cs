using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Api.Validation;
using Smi.Core.Cluster;
using Smi.Core.Diagnostics;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation.Policies;

/// <summary>
/// Resolves TrafficPolicies against the topology: invalid ones are rejected (Accepted=False,
/// Invalid), ones whose target, port, route group, match or mirror is missing are not applied
/// (ResolvedRefs=False with the reason), and of two policies with the same scope setting the same
/// field the older (creationTimestamp, then name) wins and the other is marked Conflicted.
/// </summary>
internal static class PolicyResolver
{
    /// <summary>Resolved policies by target Service key, each list ordered by precedence (most specific, then oldest, first).</summary>
    public static Dictionary<ServiceKey, ImmutableArray<ResolvedPolicy>> Resolve(IEnumerable<TrafficPolicy> policies, Topology topology, DiagnosticCollector diagnostics)
    {
        var resolved = new List<ResolvedPolicy>();
        foreach (var policy in policies.OrderBy(p => p.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).ThenBy(p => p.Metadata.Namespace, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            diagnostics.Track(policy);
            var errors = SmiValidation.Validate(policy).Where(f => f.Severity == FindingSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                diagnostics.Reject(policy, Reasons.Invalid, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")));
                continue;
            }

            if (ResolveOne(policy, topology, diagnostics) is { } one)
            {
                resolved.Add(one);
            }
        }

        var byService = new Dictionary<ServiceKey, ImmutableArray<ResolvedPolicy>>();
        foreach (var group in resolved.GroupBy(p => p.Target.Key))
        {
            // Stable sort: within a rank, the creation order established above is kept.
            var ordered = group.OrderByDescending(p => p.Rank).ToImmutableArray();
            ReportConflicts(ordered, diagnostics);
            byService[group.Key] = ordered;
        }

        return byService;
    }

    private static ResolvedPolicy? ResolveOne(TrafficPolicy policy, Topology topology, DiagnosticCollector diagnostics)
    {
        var ns = policy.Metadata.Namespace;
        var target = policy.TargetRef!;
        var unresolved = new List<(string Reason, string Message)>();
        var service = topology.Services.GetValueOrDefault(new ServiceKey(ns, target.Name));
        if (service is null)
        {
            unresolved.Add((Reasons.TargetNotFound, $"Service {ns}/{target.Name} (spec.targetRef) does not exist."));
        }
        else if (policy.Port is { } port && !service.Ports.Any(p => p.Port == port))
        {
            unresolved.Add((Reasons.PortNotFound, $"Service {service.ObjectName} has no port {port} (spec.port); its ports are {string.Join(", ", service.Ports.Select(p => p.Port))}."));
        }

        var matches = new List<HttpRouteMatch>();
        foreach (var reference in policy.Matches)
        {
            if (!topology.RouteGroups.TryGetValue($"{ns}/{reference.Name}", out var group))
            {
                unresolved.Add((Reasons.RouteNotFound, $"HTTPRouteGroup {ns}/{reference.Name} (spec.matches) does not exist."));
                continue;
            }

            foreach (var name in reference.Matches)
            {
                if (!group.Matches.Any(m => m.Name == name))
                {
                    unresolved.Add((Reasons.MatchNotFound, $"HTTPRouteGroup {group.Metadata.Key} has no match named \"{name}\"."));
                }
            }

            matches.AddRange(group.Matches
                .Where(m => reference.Matches.IsDefaultOrEmpty || reference.Matches.Contains(m.Name))
                .Select(m => MatchCompiler.Compile(group, m)));
        }

        ServiceInfo? mirror = null;
        if (policy.Mirror is { } mirrorSpec && service is not null)
        {
            mirror = topology.Services.GetValueOrDefault(new ServiceKey(ns, mirrorSpec.Service));
            if (mirror is null)
            {
                unresolved.Add((Reasons.MirrorNotFound, $"mirror Service {ns}/{mirrorSpec.Service} (spec.mirror.service) does not exist."));
            }
            else
            {
                var needed = mirrorSpec.Port is { } mirrorPort ? [mirrorPort] : service.Ports.Where(p => policy.Port is null || p.Port == policy.Port).Select(p => p.Port).ToList();
                var missing = needed.Where(p => !mirror.Ports.Any(mp => mp.Port == p && Topology.IsStreamProtocol(mp.Protocol))).ToList();
                if (missing.Count > 0)
                {
                    unresolved.Add((Reasons.MirrorNotFound, $"mirror Service {mirror.ObjectName} has no TCP port {string.Join(", ", missing)}; set spec.mirror.port to one of its ports."));
                }
            }
        }

        if (unresolved.Count > 0 || service is null)
        {
            foreach (var (reason, message) in unresolved)
            {
                diagnostics.Unresolved(policy, reason, message + " The policy is not applied until it resolves.");
            }

            return null;
        }

        var rank = (matches.Count > 0 ? 2 : 0) + (policy.Port is null ? 0 : 1);
        return new ResolvedPolicy(policy, service, policy.Port, MatchCompiler.Sorted(matches), rank, Values(policy), mirror);
    }

    private static PolicyValues Values(TrafficPolicy policy) => new()
    {
        MirrorPercent = policy.Mirror?.Percent,
        MirrorPort = policy.Mirror?.Port,
        MirrorMaxConcurrent = policy.Mirror?.MaxConcurrent ?? 32,
        Fault = policy.Faults is { } faults && (faults.Delay is not null || faults.Abort is not null)
            ? new FaultPolicy
            {
                Delay = faults.Delay is { } d ? new DelayFault(d.Percent!.Value, Ms(d.FixedDelay)!.Value) : null,
                Abort = faults.Abort is { } a ? new AbortFault(a.Percent!.Value, a.HttpStatus!.Value) : null,
            }
            : null,
        RequestTimeoutMs = Ms(policy.Timeouts?.Request),
        ConnectTimeoutMs = Ms(policy.Timeouts?.Connect),
        RetryAttempts = policy.Retries?.Attempts,
        RetryBudgetPercent = policy.Retries?.BudgetPercent,
        LoadBalancing = policy.LoadBalancing,
        OutlierConsecutiveFailures = policy.OutlierDetection?.ConsecutiveFailures,
        OutlierEjectionMs = Ms(policy.OutlierDetection?.EjectionTime),
        AccessLog = policy.AccessLog,
        RateLimits = [.. policy.RateLimits.Select((r, i) => new RateLimitPolicy
        {
            Id = $"{policy.Metadata.Key}#{i}",
            Sources = [.. r.Sources.Select(s => $"{(string.IsNullOrEmpty(s.Namespace) ? policy.Metadata.Namespace : s.Namespace)}/{s.Name}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            PerSource = r.PerSource ?? true,
            Requests = r.Requests!.Value,
            PeriodMs = Ms(r.Period)!.Value,
            Burst = r.Burst ?? r.Requests!.Value,
        })],
    };

    private static int? Ms(string? duration) => GoDuration.TryParse(duration, out var value) ? GoDuration.ToMilliseconds(value) : null;

    private static void ReportConflicts(ImmutableArray<ResolvedPolicy> ordered, DiagnosticCollector diagnostics)
    {
        foreach (var scope in ordered.GroupBy(p => p.ScopeKey, StringComparer.Ordinal))
        {
            var owners = new Dictionary<string, ResolvedPolicy>(StringComparer.Ordinal);
            foreach (var policy in scope)
            {
                foreach (var (field, isSet) in PolicyValues.Fields)
                {
                    if (!isSet(policy.Values))
                    {
                        continue;
                    }

                    if (owners.TryGetValue(field, out var winner))
                    {
                        diagnostics.Reject(
                            policy.Source,
                            Reasons.Conflicted,
                            $"spec.{field} is also set by {winner.Origin}, which is older and applies to the same Service{(policy.Port is null ? string.Empty : $" port {policy.Port}")}{(policy.Matches.IsEmpty ? string.Empty : " and matches")}, so its value wins; remove the field from one of them. This policy's other fields still apply.");
                    }
                    else
                    {
                        owners[field] = policy;
                    }
                }
            }
        }
    }
}
