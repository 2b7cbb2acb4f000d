using System.Collections.Immutable;
using k8s.Models;
using Smi.Core.Diagnostics;
using Smi.Operator.Kubernetes;
using Smi.ProxyConfig;

namespace Smi.Operator.Control;

/// <summary>
/// Every write one reconcile needs, and nothing else: objects whose content already matches are
/// absent, so an unchanged mesh gives an empty plan.
/// </summary>
internal sealed record DesiredState
{
    /// <summary>Proxy ConfigMaps whose revision differs from the cluster's (or that are missing).</summary>
    public ImmutableArray<V1ConfigMap> ConfigMaps { get; init; } = [];

    /// <summary>Proxy ConfigMaps of identities that no longer exist.</summary>
    public ImmutableArray<V1ConfigMap> StaleConfigMaps { get; init; } = [];

    /// <summary>Identities whose config cannot be stored in a ConfigMap, and why.</summary>
    public ImmutableArray<(ProxyIdentity Identity, string Problem)> TooLarge { get; init; } = [];

    /// <summary>False when the mesh CA is not loaded: Secrets were not considered at all this time.</summary>
    public bool SecretsPlanned { get; init; }

    /// <summary>Certificate Secrets to (re)issue, with the end of their certificate's validity.</summary>
    public ImmutableArray<(V1Secret Secret, ProxyIdentity Identity, DateTimeOffset NotAfter)> Secrets { get; init; } = [];

    /// <summary>Certificate Secrets of identities that no longer exist.</summary>
    public ImmutableArray<V1Secret> StaleSecrets { get; init; } = [];

    /// <summary>Status subresources whose conditions differ from what the objects carry.</summary>
    public ImmutableArray<StatusApply> Statuses { get; init; } = [];

    /// <summary>Warning Events for findings that appeared since the last reconcile.</summary>
    public ImmutableArray<Corev1Event> Events { get; init; } = [];

    /// <summary>The findings that are current once <see cref="Events"/> are recorded (the next plan's "already recorded").</summary>
    public ImmutableHashSet<Diagnostic> Findings { get; init; } = [];

    /// <summary>True when nothing needs writing.</summary>
    public bool IsEmpty => ConfigMaps.IsEmpty && StaleConfigMaps.IsEmpty && Secrets.IsEmpty && StaleSecrets.IsEmpty && Statuses.IsEmpty && Events.IsEmpty;
}
