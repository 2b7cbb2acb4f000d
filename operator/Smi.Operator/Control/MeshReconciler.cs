using System.Diagnostics;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Core.Diagnostics;
using Smi.Operator.Certificates;
using Smi.Operator.Kubernetes;
using Smi.Operator.Leadership;
using Smi.Operator.Telemetry;
using Smi.Operator.Webhooks;

namespace Smi.Operator.Control;

/// <summary>
/// One level-based reconcile: compile → desired objects → apply. It snapshots every cache and
/// compiles (incrementally, on every replica), reporting the SMI objects it had to leave out because
/// they cannot be read (<see cref="SmiDecodeReporter"/>); on the leader only, <see cref="DesiredStatePlanner"/>
/// turns the result and the caches into the writes that are needed, and
/// <see cref="DesiredStateApplier"/> performs them. It never looks at what event caused it. An
/// unchanged mesh plans no writes, so it costs no API call.
/// </summary>
internal sealed partial class MeshReconciler(
    ClusterState state,
    MeshOptions mesh,
    DesiredStateApplier applier,
    SmiDecodeReporter unreadableObjects,
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
    private IReadOnlySet<Diagnostic> _recorded = new HashSet<Diagnostic>();

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
        var (snapshot, unreadable) = state.Read(mesh);
        unreadableObjects.Report(unreadable);
        var result = _compiler.Compile(snapshot);
        Last = result;
        metrics.SetIdentities(result.Configs.Count);
        var leader = leadership.IsLeader;
        if (leader && !_wasLeader)
        {
            // A new term: findings recorded by a previous leader may be gone with it.
            _recorded = new HashSet<Diagnostic>();
            _caBundleChecked = DateTimeOffset.MinValue;
        }

        _wasLeader = leader;
        var ca = certificates.Authority;
        if (leader)
        {
            var issuer = ca is null ? null : new ProxyCertificateIssuer(ca, certificateOptions.ProxyCertificateLifetime, time);
            var plan = DesiredStatePlanner.Plan(result, CurrentObjects.From(state, unreadable), issuer, _recorded, time.GetUtcNow(), Environment.MachineName);
            var applied = await applier.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
            _recorded = plan.Findings;
            Report(applied, plan.SecretsPlanned, firstEventTimestamp);
            if (ca is not null && time.GetUtcNow() - _caBundleChecked > CaBundleCheckInterval)
            {
                // kubectl apply of the install resets caBundle; checking now and then restores it.
                await caBundles.ApplyAsync(ca.CertificatePem, cancellationToken).ConfigureAwait(false);
                _caBundleChecked = time.GetUtcNow();
            }

            LogReconciled(logger, result.Configs.Count, applied.ConfigMaps, applied.StaleConfigMaps, plan.TooLarge.Length, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (applied.Rejected.Count > 0)
            {
                throw new OwnedObjectsRejectedException(applied.Rejected);
            }
        }

        metrics.Reconciled("success", Stopwatch.GetElapsedTime(start).TotalSeconds);

        // Without the mesh CA (still loading or being created) no certificate Secret or webhook CA
        // bundle was written: report the reconcile incomplete so it runs again soon, instead of
        // waiting for the next cluster event or the periodic resync.
        return !leader || ca is not null;
    }

    private void Report(AppliedState applied, bool secretsPlanned, long firstEventTimestamp)
    {
        metrics.Wrote("configmap", applied.ConfigMaps);
        metrics.Wrote("configmap_delete", applied.StaleConfigMaps);
        if (applied.ConfigMaps + applied.StaleConfigMaps > 0 && firstEventTimestamp != 0)
        {
            metrics.Pushed(Stopwatch.GetElapsedTime(firstEventTimestamp, applied.ConfigMapsDone).TotalSeconds);
        }

        if (secretsPlanned)
        {
            metrics.Wrote("secret", applied.Secrets);
            metrics.Wrote("secret_delete", applied.StaleSecrets);
        }

        metrics.Wrote("status", applied.Statuses);
        metrics.Wrote("event", applied.Events);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Identities} identities: {Written} ConfigMaps written, {Deleted} deleted, {Problems} not storable, in {Ms:F1} ms")]
    private static partial void LogReconciled(ILogger logger, int identities, int written, int deleted, int problems, double ms);
}
