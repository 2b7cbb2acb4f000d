using System.Diagnostics;
using Smi.Core.Diagnostics;
using Smi.Operator.Kubernetes;

namespace Smi.Operator.Control;

/// <summary>
/// Performs a <see cref="DesiredState"/> through the <see cref="OwnedObjectWriter"/>, in the order
/// proxies feel: ConfigMaps first (their latency is the push latency), then Secrets, statuses and
/// Events. An object the API server rejects does not stop the others; it is logged and reported
/// in the result, so the reconcile can fail (and back off) after everything else is written.
/// A status the API server refuses for the object's own fields is different
/// (<see cref="WriteOutcomeKind.ObjectInvalid"/>): the API server validates the whole object on a
/// status write, and one without CRD validation ratcheting (before 1.30, or with it off) refuses
/// any write to an object that no longer passes its schema. Such an object cannot carry a status;
/// that is logged once per version of the object and not tried again until the object changes,
/// and its Warning Event still says what is wrong.
/// </summary>
internal sealed partial class DesiredStateApplier(OwnedObjectWriter writer, ILogger<DesiredStateApplier> logger)
{
    /// <summary>Objects whose status the API server refused, by object, with the resourceVersion it refused at.</summary>
    private Dictionary<ObjectRef, string?> _refusedStatuses = [];

    public async Task<AppliedState> ApplyAsync(DesiredState plan, CancellationToken cancellationToken)
    {
        var rejected = new List<string>();
        foreach (var (identity, problem) in plan.TooLarge)
        {
            LogTooLarge(logger, identity.Key, problem);
        }

        var configMaps = 0;
        foreach (var configMap in plan.ConfigMaps)
        {
            var (ns, name) = (configMap.Metadata.NamespaceProperty, configMap.Metadata.Name);
            if (Count(await writer.ApplyAsync(configMap, cancellationToken).ConfigureAwait(false), "ConfigMap", ns, name, rejected))
            {
                configMaps++;
                LogWritten(logger, ns, name, ProxyConfigMaps.RevisionOf(configMap));
            }
        }

        var staleConfigMaps = 0;
        foreach (var stale in plan.StaleConfigMaps)
        {
            if (Count(await writer.DeleteConfigMapAsync(stale, cancellationToken).ConfigureAwait(false), "ConfigMap", stale.Metadata.NamespaceProperty, stale.Metadata.Name, rejected))
            {
                staleConfigMaps++;
                LogDeleted(logger, "ConfigMap", stale.Metadata.NamespaceProperty, stale.Metadata.Name);
            }
        }

        var configMapsDone = Stopwatch.GetTimestamp();
        var secrets = 0;
        foreach (var (secret, identity, notAfter) in plan.Secrets)
        {
            if (Count(await writer.ApplyAsync(secret, cancellationToken).ConfigureAwait(false), "Secret", secret.Metadata.NamespaceProperty, secret.Metadata.Name, rejected))
            {
                secrets++;
                LogIssued(logger, identity.Key, notAfter);
            }
        }

        var staleSecrets = 0;
        foreach (var stale in plan.StaleSecrets)
        {
            if (Count(await writer.DeleteSecretAsync(stale, cancellationToken).ConfigureAwait(false), "Secret", stale.Metadata.NamespaceProperty, stale.Metadata.Name, rejected))
            {
                staleSecrets++;
                LogDeleted(logger, "Secret", stale.Metadata.NamespaceProperty, stale.Metadata.Name);
            }
        }

        var statuses = await ApplyStatusesAsync(plan, rejected, cancellationToken).ConfigureAwait(false);

        var events = 0;
        foreach (var @event in plan.Events)
        {
            var involved = @event.InvolvedObject;
            if (Count(await writer.CreateAsync(@event, cancellationToken).ConfigureAwait(false), $"Event on {involved.Kind}", involved.NamespaceProperty, involved.Name, rejected))
            {
                events++;
            }
        }

        return new AppliedState(configMaps, staleConfigMaps, configMapsDone, secrets, staleSecrets, statuses, events, rejected);
    }

    private async Task<int> ApplyStatusesAsync(DesiredState plan, List<string> rejected, CancellationToken cancellationToken)
    {
        var written = 0;
        var refused = new Dictionary<ObjectRef, string?>();
        foreach (var status in plan.Statuses)
        {
            var key = status.Object with { Generation = 0 };
            if (_refusedStatuses.TryGetValue(key, out var version) && version == status.ResourceVersion)
            {
                refused[key] = version;
                continue;
            }

            var outcome = await writer.ApplyAsync(status, cancellationToken).ConfigureAwait(false);
            if (outcome.Kind == WriteOutcomeKind.ObjectInvalid)
            {
                refused[key] = status.ResourceVersion;
                LogStatusRefused(logger, status.Object.Kind, status.Object.Namespace, status.Object.Name, status.ResourceVersion, outcome.Problem);
            }
            else if (Count(outcome, status.Object.Kind + " status", status.Object.Namespace, status.Object.Name, rejected))
            {
                written++;
            }
        }

        // Only objects that still want a status are remembered: the rest were fixed or deleted.
        _refusedStatuses = refused;
        return written;
    }

    /// <summary>True when written; logs what was not.</summary>
    private bool Count(WriteOutcome outcome, string what, string ns, string name, List<string> rejected)
    {
        switch (outcome.Kind)
        {
            case WriteOutcomeKind.Written:
                return true;
            case WriteOutcomeKind.Gone:
                // Deleted (or its namespace terminating) since the caches saw it: the next reconcile sees that.
                LogGone(logger, what, ns, name);
                return false;
            default:
                LogRejected(logger, what, ns, name, outcome.Problem);
                rejected.Add($"{what} {ns}/{name}");
                return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote proxy ConfigMap {Namespace}/{Name} at revision {Revision}")]
    private static partial void LogWritten(ILogger logger, string @namespace, string name, string? revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {What} {Namespace}/{Name}: its identity no longer exists")]
    private static partial void LogDeleted(ILogger logger, string what, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued the certificate of {Identity}, valid until {NotAfter:O}")]
    private static partial void LogIssued(ILogger logger, string identity, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot store the proxy config of {Identity}: {Problem}")]
    private static partial void LogTooLarge(ILogger logger, string identity, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{What} {Namespace}/{Name} not written: it or its namespace is gone")]
    private static partial void LogGone(ILogger logger, string what, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API server refused the status of {Kind} {Namespace}/{Name} at resourceVersion {ResourceVersion}, so it cannot carry its conditions until it is fixed: {Problem}")]
    private static partial void LogStatusRefused(ILogger logger, string kind, string @namespace, string name, string? resourceVersion, string? problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "The API server rejected {What} {Namespace}/{Name} as invalid (a bug in the operator; please report it): {Problem}")]
    private static partial void LogRejected(ILogger logger, string what, string @namespace, string name, string? problem);
}
