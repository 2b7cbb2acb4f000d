using System.Diagnostics;
using Smi.Operator.Kubernetes;
using Smi.Operator.Leadership;
using Smi.Operator.Runtime;
using Smi.Operator.Telemetry;

namespace Smi.Operator.Control;

/// <summary>
/// Runs the informers and the reconcile loop: every cache change queues the single mesh key after
/// a short coalescing window (so a burst of events costs one compile, and the first event of a
/// batch is never delayed more than the window); compiles start only once every informer has
/// listed; failures back off per key; a periodic resync heals anything missed.
/// </summary>
internal sealed partial class MeshController(
    ClusterState state,
    MeshReconciler reconciler,
    LeaderElectionService leadership,
    WorkQueue<string> queue,
    ControllerOptions options,
    OperatorMetrics metrics,
    ILogger<MeshController> logger) : BackgroundService
{
    /// <summary>How soon a reconcile that could not do everything (informers unsynced, CA not loaded) runs again.</summary>
    private static readonly TimeSpan IncompleteRetry = TimeSpan.FromMilliseconds(500);

    private long _firstEvent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var informer in state.All)
        {
            informer.Changed += OnChange;
        }

        leadership.StartedLeading += () => queue.Add(MeshKey.All);
        var informers = state.All.Select(i => Task.Run(() => i.RunAsync(stoppingToken), stoppingToken)).ToList();
        try
        {
            await Task.WhenAll(state.All.Select(i => i.WaitForSyncAsync(stoppingToken))).ConfigureAwait(false);
            LogSynced(logger);
            queue.Add(MeshKey.All);
            await WorkAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await Task.WhenAll(informers).ConfigureAwait(false);
    }

    private void OnChange()
    {
        Interlocked.CompareExchange(ref _firstEvent, Stopwatch.GetTimestamp(), 0);
        queue.AddAfter(MeshKey.All, options.Debounce);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var key = await queue.TakeAsync(stoppingToken).ConfigureAwait(false);
            var firstEvent = Interlocked.Exchange(ref _firstEvent, 0);
            try
            {
                using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Term);
                var complete = await reconciler.ReconcileAsync(firstEvent, term.Token).ConfigureAwait(false);
                queue.Forget(key);
                queue.AddAfter(key, complete ? options.Resync : IncompleteRetry);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Transient API trouble (or a term that ended mid-write): back off and redo the whole reconcile.
                LogFailed(logger, ex, queue.Failures(key) + 1);
                metrics.Reconciled("error", 0);
                queue.AddRateLimited(key);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Every informer has synced; compiling the mesh")]
    private static partial void LogSynced(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile failed (attempt {Attempt}); retrying with backoff")]
    private static partial void LogFailed(ILogger logger, Exception exception, int attempt);
}
