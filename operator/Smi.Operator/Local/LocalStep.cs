using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Manifests;
using Smi.ProxyConfig;

namespace Smi.Operator.Local;

/// <summary>What one step did.</summary>
/// <param name="Result">The compile result.</param>
/// <param name="Problems">Manifests that could not be used (their objects keep their last good state) and warnings.</param>
/// <param name="Pods">The simulated pods.</param>
/// <param name="Changed">Identities whose state directory was rewritten (or removed).</param>
/// <param name="Duration">Time the step took.</param>
internal sealed record LocalStep(CompileResult Result, IReadOnlyList<LocalProblem> Problems, IReadOnlyList<SimulatedPod> Pods, IReadOnlyList<ProxyIdentity> Changed, TimeSpan Duration)
{
    /// <summary>The snapshot that was compiled (the sandbox's TrafficMetrics API reads its TrafficSplits).</summary>
    public ClusterSnapshot? Snapshot { get; init; }
}
