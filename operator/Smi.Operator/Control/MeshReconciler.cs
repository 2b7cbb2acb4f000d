using System.Diagnostics;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Operator.Certificates;
using Smi.Operator.Kubernetes;
using Smi.Operator.Leadership;
using Smi.Operator.Telemetry;
using Smi.Operator.Webhooks;

namespace Smi.Operator.Control;

/// <summary>
/// One level-based reconcile: snapshot every cache, compile (incrementally), and — on the leader
/// only — make ConfigMaps, statuses and Events match. It never looks at what event caused it.
/// Writes are diffs, so reconciling an unchanged mesh costs no API call.
/// </summary>
internal sealed partial class MeshReconciler(
    ClusterState state,
    MeshOptions mesh,
    ConfigMapWriter configMaps,
    SecretWriter secrets,
    StatusWriter statuses,
    EventRecorder events,
    CertificateService certificates,
    CertificateOptions certificateOptions,
    CaBundlePatcher caBundles,
    ILeadership leadership,
    OperatorMetrics metrics,
    TimeProvider time,
    ILogger<MeshReconciler> logger)
{
    private static readonly TimeSpan CaBundleCheckInterval = TimeSpan.FromMinutes(1);
    private readonly IncrementalMeshCompiler _compiler = new();
    private bool _wasLeader;
    private DateTimeOffset _caBundleChecked = DateTimeOffset.MinValue;

    /// <summary>The last compile result (for the admin endpoints and tests).</summary>
    public CompileResult? Last { get; private set; }

    /// <summary>Returns false when the reconcile could not do everything: caches not synced yet (nothing was done), or the mesh CA not loaded (no Secrets or CA bundles written).</summary>
    public async Task<bool> ReconcileAsync(long firstEventTimestamp, CancellationToken cancellationToken)
    {
        if (!state.HasSynced)
        {
            metrics.Reconciled("skipped_unsynced", 0);
            return false;
        }

        var start = Stopwatch.GetTimestamp();
        var result = _compiler.Compile(state.Snapshot(mesh));
        Last = result;
        metrics.SetIdentities(result.Configs.Count);
        var leader = leadership.IsLeader;
        if (leader && !_wasLeader)
        {
            // A new term: findings recorded by a previous leader may be gone with it.
            events.Reset();
            _caBundleChecked = DateTimeOffset.MinValue;
        }

        _wasLeader = leader;
        if (leader)
        {
            var (written, deleted, problems) = await configMaps.ApplyAsync(result, cancellationToken).ConfigureAwait(false);
            metrics.Wrote("configmap", written);
            metrics.Wrote("configmap_delete", deleted);
            if (written + deleted > 0 && firstEventTimestamp != 0)
            {
                metrics.Pushed(Stopwatch.GetElapsedTime(firstEventTimestamp).TotalSeconds);
            }

            if (certificates.Authority is { } ca)
            {
                var (issued, removed) = await secrets.ApplyAsync(result, ca, certificateOptions.ProxyCertificateLifetime, cancellationToken).ConfigureAwait(false);
                metrics.Wrote("secret", issued);
                metrics.Wrote("secret_delete", removed);
                if (time.GetUtcNow() - _caBundleChecked > CaBundleCheckInterval)
                {
                    // kubectl apply of the install resets caBundle; checking now and then restores it.
                    await caBundles.ApplyAsync(ca.CertificatePem, cancellationToken).ConfigureAwait(false);
                    _caBundleChecked = time.GetUtcNow();
                }
            }

            metrics.Wrote("status", await statuses.ApplyAsync(result, cancellationToken).ConfigureAwait(false));
            metrics.Wrote("event", await events.ApplyAsync(result, cancellationToken).ConfigureAwait(false));
            LogReconciled(logger, result.Configs.Count, written, deleted, problems.Count, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        metrics.Reconciled("success", Stopwatch.GetElapsedTime(start).TotalSeconds);

        // Without the mesh CA (still loading or being created) no certificate Secret or webhook CA
        // bundle was written: report the reconcile incomplete so it runs again soon, instead of
        // waiting for the next cluster event or the periodic resync.
        return !leader || certificates.Authority is not null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Identities} identities: {Written} ConfigMaps written, {Deleted} deleted, {Problems} not storable, in {Ms:F1} ms")]
    private static partial void LogReconciled(ILogger logger, int identities, int written, int deleted, int problems, double ms);
}
