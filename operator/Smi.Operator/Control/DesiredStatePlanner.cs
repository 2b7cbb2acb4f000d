using System.Collections.Immutable;
using k8s.Models;
using Smi.Core.Compilation;
using Smi.Core.Diagnostics;
using Smi.Operator.Certificates;
using Smi.Operator.Kubernetes;
using Smi.ProxyConfig;

namespace Smi.Operator.Control;

/// <summary>
/// The pure step between the compiler and the API: a compile result and what the caches hold in,
/// the writes that make the cluster match out (<see cref="DesiredState"/>). No I/O, no clock of its
/// own (the time is passed in), no logging — so everything about <em>what</em> the
/// operator writes and <em>when</em> it writes nothing is tested without HTTP.
/// </summary>
internal static class DesiredStatePlanner
{
    /// <summary>Plans one reconcile.</summary>
    /// <param name="result">The compile.</param>
    /// <param name="current">The caches.</param>
    /// <param name="issuer">Issues certificates; null while the mesh CA is not loaded (Secrets are then left alone).</param>
    /// <param name="recorded">Findings already recorded as Events (by this leader term).</param>
    /// <param name="now">The time for condition transitions and Event timestamps.</param>
    /// <param name="reportingInstance">This replica, as Events name it.</param>
    public static DesiredState Plan(CompileResult result, CurrentObjects current, IProxyCertificateIssuer? issuer, IReadOnlySet<Diagnostic> recorded, DateTimeOffset now, string reportingInstance)
    {
        var (configMaps, stale, tooLarge) = PlanConfigMaps(result, current);
        var statuses = result.Statuses.Concat(current.Unreadable.Select(u => u.Status));
        var diagnostics = result.Diagnostics.Concat(current.Unreadable.Select(u => u.Diagnostic));
        var (events, findings) = PlanEvents(diagnostics, current, recorded, now, reportingInstance);
        var state = new DesiredState
        {
            ConfigMaps = configMaps,
            StaleConfigMaps = stale,
            TooLarge = tooLarge,
            Statuses = PlanStatuses(statuses, current, now),
            Events = events,
            Findings = findings,
        };
        if (issuer is null)
        {
            return state;
        }

        var (secrets, staleSecrets) = PlanSecrets(result, current, issuer);
        return state with { SecretsPlanned = true, Secrets = secrets, StaleSecrets = staleSecrets };
    }

    private static (ImmutableArray<V1ConfigMap> Apply, ImmutableArray<V1ConfigMap> Stale, ImmutableArray<(ProxyIdentity, string)> TooLarge) PlanConfigMaps(CompileResult result, CurrentObjects current)
    {
        var desiredKeys = new HashSet<string>(StringComparer.Ordinal);
        var apply = ImmutableArray.CreateBuilder<V1ConfigMap>();
        var tooLarge = ImmutableArray.CreateBuilder<(ProxyIdentity, string)>();
        foreach (var (identity, config) in result.Configs)
        {
            var key = $"{identity.Namespace}/{ProxyConfigMaps.NameFor(identity.ServiceAccount)}";
            desiredKeys.Add(key);

            // The revision (an annotation) is a hash of the whole config: equal revisions, equal
            // content. Labels and the owner reference are compared too (an account that appeared
            // after the first write, labels of an older version); nothing differs, no write.
            var owner = current.ServiceAccounts.GetValueOrDefault(identity.Key);
            if (current.ConfigMaps.TryGetValue(key, out var existing) && OwnedObjects.IsCurrent(existing.Metadata, ProxyConfigMaps.Metadata(identity, config.Revision, owner)))
            {
                continue;
            }

            var desired = ProxyConfigMaps.Build(config, owner, out var problem);
            if (desired is null)
            {
                tooLarge.Add((identity, problem!));
            }
            else
            {
                apply.Add(desired);
            }
        }

        var stale = current.ConfigMaps
            .Where(kv => !desiredKeys.Contains(kv.Key) && kv.Value.Metadata.Labels?.ContainsKey(ProxyConfigMaps.ProxyConfigLabel) == true)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Value);
        return (apply.ToImmutable(), [.. stale], tooLarge.ToImmutable());
    }

    /// <summary>A certificate is issued only when the identity's Secret is missing, not from the current CA, due for rotation, or without the labels and owner it should carry.</summary>
    private static (ImmutableArray<(V1Secret, ProxyIdentity, DateTimeOffset)> Apply, ImmutableArray<V1Secret> Stale) PlanSecrets(CompileResult result, CurrentObjects current, IProxyCertificateIssuer issuer)
    {
        var desiredKeys = new HashSet<string>(StringComparer.Ordinal);
        var apply = ImmutableArray.CreateBuilder<(V1Secret, ProxyIdentity, DateTimeOffset)>();
        foreach (var identity in result.Configs.Keys)
        {
            var key = $"{identity.Namespace}/{ProxyConfigMaps.SecretNameFor(identity.ServiceAccount)}";
            desiredKeys.Add(key);
            var owner = current.ServiceAccounts.GetValueOrDefault(identity.Key);
            if (current.Secrets.TryGetValue(key, out var existing)
                && ProxySecrets.Contents(existing) is (var certificate, var bundle)
                && issuer.IsCurrent(identity, certificate, bundle)
                && OwnedObjects.IsCurrent(existing.Metadata, ProxySecrets.Metadata(identity, owner)))
            {
                continue;
            }

            var issued = issuer.Issue(identity);
            apply.Add((ProxySecrets.Build(identity, issued, issuer.TrustBundlePem, owner), identity, issued.NotAfter));
        }

        var stale = current.Secrets
            .Where(kv => !desiredKeys.Contains(kv.Key) && ProxySecrets.IsProxySecret(kv.Value))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Value);
        return (apply.ToImmutable(), [.. stale]);
    }

    private static ImmutableArray<StatusApply> PlanStatuses(IEnumerable<ObjectStatus> statuses, CurrentObjects current, DateTimeOffset now)
    {
        var apply = ImmutableArray.CreateBuilder<StatusApply>();
        foreach (var status in statuses)
        {
            // An object deleted since the compile has no status to write; the next compile will not mention it.
            if (current.FindSmi(status.Object.Kind, status.Object.Namespace, status.Object.Name) is ({ } obj, var resource)
                && SmiStatuses.Desired(status, obj, resource, now) is { } desired)
            {
                apply.Add(desired);
            }
        }

        return apply.ToImmutable();
    }

    /// <summary>
    /// Once per finding: a finding becomes an Event when it appears, not on every reconcile while it
    /// lasts. One that goes away and comes back is recorded again.
    /// </summary>
    private static (ImmutableArray<Corev1Event> Events, ImmutableHashSet<Diagnostic> Findings) PlanEvents(IEnumerable<Diagnostic> diagnostics, CurrentObjects current, IReadOnlySet<Diagnostic> recorded, DateTimeOffset now, string reportingInstance)
    {
        var findings = diagnostics.Where(d => d.Severity >= Severity.Warning).ToImmutableHashSet();
        var events = ImmutableArray.CreateBuilder<Corev1Event>();
        foreach (var diagnostic in findings.Where(d => !recorded.Contains(d)).OrderBy(d => d.Object).ThenBy(d => d.Reason, StringComparer.Ordinal))
        {
            if (current.FindSmi(diagnostic.Object.Kind, diagnostic.Object.Namespace, diagnostic.Object.Name) is (var obj, var resource))
            {
                events.Add(WarningEvents.Build(diagnostic, resource, obj, now, reportingInstance));
            }
        }

        return (events.ToImmutable(), findings);
    }
}
