namespace Smi.Testing.FakeKubeApi.Resources;

/// <summary>Where the <c>/scale</c> subresource reads and writes replicas (a CRD's <c>subresources.scale</c>).</summary>
/// <param name="SpecReplicasPath">E.g. <c>.spec.replicas</c>.</param>
/// <param name="StatusReplicasPath">E.g. <c>.status.replicas</c>.</param>
/// <param name="LabelSelectorPath">A string field with the selector in label-selector syntax, or null; built-ins use <c>.spec.selector</c>.</param>
internal sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath)
{
    public static ScaleSubresource Workload { get; } = new(".spec.replicas", ".status.replicas", null);
}
