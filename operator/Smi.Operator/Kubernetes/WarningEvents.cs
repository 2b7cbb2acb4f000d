using k8s.Models;
using Smi.Core.Diagnostics;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// A finding as a core/v1 Warning Event on the SMI object concerned (what <c>kubectl describe</c>
/// shows). Events are created, never applied: each is a new record with a generated name.
/// </summary>
internal static class WarningEvents
{
    /// <summary>The reporting component of every Event.</summary>
    public const string Component = "smi-operator";

    /// <summary>The Event API caps messages at 1 KiB (of UTF-8).</summary>
    private const int MaxMessage = 1024;

    public static Corev1Event Build(Diagnostic diagnostic, (string Group, string Version, string Plural, string Kind) resource, UnstructuredObject? involved, DateTimeOffset now, string reportingInstance)
    {
        var target = diagnostic.Object;
        var time = now.UtcDateTime;
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { GenerateName = $"{target.Name}.", NamespaceProperty = target.Namespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = $"{resource.Group}/{resource.Version}",
                Kind = target.Kind,
                Name = target.Name,
                NamespaceProperty = target.Namespace,
                Uid = involved?.Metadata.Uid,
                ResourceVersion = involved?.Metadata.ResourceVersion,
            },
            Reason = diagnostic.Reason,
            Message = KubernetesNames.Message(diagnostic.Message, MaxMessage),
            Type = "Warning",
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = reportingInstance,
            Action = "Reconcile",
            FirstTimestamp = time,
            LastTimestamp = time,
            Count = 1,
        };
    }
}
