using System.Collections.Immutable;
using Smi.Operator.Telemetry;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Logs and counts the SMI objects the operator cannot read, once per finding: a failure is
/// reported when it appears — a new object, or a new generation of one, that cannot be read, or a
/// new reason — not on every reconcile while it lasts, and not when only the object's status
/// changes (the operator's own condition on it makes a new resourceVersion, not a new generation).
/// It runs on every replica (each one's log and /metrics); the status condition and the Event
/// come from the leader's writes.
/// </summary>
internal sealed partial class SmiDecodeReporter(OperatorMetrics metrics, ILogger<SmiDecodeReporter> logger)
{
    private ImmutableHashSet<SmiDecodeFailure> _reported = [];

    /// <summary>Reports the failures of this read of the caches that the previous read did not have.</summary>
    public void Report(ImmutableArray<SmiDecodeFailure> unreadable)
    {
        var current = unreadable.ToImmutableHashSet();
        foreach (var failure in unreadable.Where(f => !_reported.Contains(f)))
        {
            metrics.DecodeFailed(failure.Object.Kind);
            LogUnreadable(logger, failure.Object.Kind, failure.Object.Namespace, failure.Object.Name, failure.Object.Generation, failure.Problem);
        }

        // Only what is still unreadable is remembered: one fixed and broken again is reported again.
        _reported = current;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read {Kind} {Namespace}/{Name} (generation {Generation}): {Problem}; it is left out of the mesh until it is fixed")]
    private static partial void LogUnreadable(ILogger logger, string kind, string @namespace, string name, long generation, string problem);
}
