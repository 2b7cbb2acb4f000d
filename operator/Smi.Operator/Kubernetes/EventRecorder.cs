using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Core.Compilation;
using Smi.Core.Diagnostics;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Turns warnings and errors of a compile into Kubernetes Events on the SMI object concerned
/// (what <c>kubectl describe</c> shows), once per finding: a finding is recorded when it appears,
/// not on every reconcile while it lasts. A finding that goes away and comes back is recorded again.
/// </summary>
internal sealed partial class EventRecorder(IKubernetes client, ClusterState state, TimeProvider time, ILogger<EventRecorder> logger)
{
    public const string Component = "smi-operator";
    private HashSet<Diagnostic> _active = [];

    public async Task<int> ApplyAsync(CompileResult result, CancellationToken cancellationToken)
    {
        var current = result.Diagnostics.Where(d => d.Severity >= Severity.Warning).ToHashSet();
        var recorded = 0;
        foreach (var diagnostic in current.Where(d => !_active.Contains(d)).OrderBy(d => d.Object).ThenBy(d => d.Reason, StringComparer.Ordinal))
        {
            if (await RecordAsync(diagnostic, cancellationToken).ConfigureAwait(false))
            {
                recorded++;
            }
        }

        _active = current;
        return recorded;
    }

    /// <summary>Forgets what was recorded (a new leader records current findings again).</summary>
    public void Reset() => _active = [];

    private async Task<bool> RecordAsync(Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var target = diagnostic.Object;
        var resource = SmiResources.StorageVersions.FirstOrDefault(r => r.Kind == target.Kind);
        if (resource == default)
        {
            return false;
        }

        var index = SmiResources.StorageVersions.ToList().IndexOf(resource);
        state.Smi[index].Items.TryGetValue($"{target.Namespace}/{target.Name}", out var obj);
        var now = time.GetUtcNow().UtcDateTime;
        var @event = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = $"{target.Name}.", NamespaceProperty = target.Namespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = $"{resource.Group}/{resource.Version}",
                Kind = target.Kind,
                Name = target.Name,
                NamespaceProperty = target.Namespace,
                Uid = obj?.Metadata.Uid,
                ResourceVersion = obj?.Metadata.ResourceVersion,
            },
            Reason = diagnostic.Reason,
            Message = diagnostic.Message.Length <= 1024 ? diagnostic.Message : diagnostic.Message[..1024],
            Type = "Warning",
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = Environment.MachineName,
            Action = "Reconcile",
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(@event, target.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Namespace terminating or events forbidden: events are best effort, status carries the truth.
            LogEventFailed(logger, target.ToString(), (int)ex.Response.StatusCode);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not record an event on {Object}: HTTP {Status}")]
    private static partial void LogEventFailed(ILogger logger, string @object, int status);
}
