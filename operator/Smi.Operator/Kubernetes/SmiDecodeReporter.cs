using Smi.Operator.Telemetry;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Wraps the decoder the caches map SMI objects with, so that an object that cannot be read is
/// logged and counted. The caches decode an object once per resourceVersion, so each unreadable
/// version is reported once per replica, not on every reconcile; its status condition and Event
/// come from the leader's reconcile.
/// </summary>
internal sealed partial class SmiDecodeReporter(Func<UnstructuredObject, SmiDecodeResult> decode, OperatorMetrics metrics, ILogger<SmiDecodeReporter> logger)
{
    public SmiDecodeResult Decode(UnstructuredObject obj)
    {
        var result = decode(obj);
        if (result.Failure is { } failure)
        {
            metrics.DecodeFailed(failure.Object.Kind);
            LogUnreadable(logger, failure.Object.Kind, failure.Object.Namespace, failure.Object.Name, obj.Metadata.ResourceVersion, failure.Problem);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read {Kind} {Namespace}/{Name} (resourceVersion {ResourceVersion}): {Problem}; it is left out of the mesh until it is fixed")]
    private static partial void LogUnreadable(ILogger logger, string kind, string @namespace, string name, string? resourceVersion, string problem);
}
