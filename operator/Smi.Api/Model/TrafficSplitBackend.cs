namespace Smi.Api.Model;

/// <summary>
/// One backend of a split. <see cref="Weight"/> is exact: v1alpha1 Kubernetes quantities keep their
/// value (<c>500m</c> is 0.5, <c>1</c> is 1) so ratios survive, unlike the official Go SDK which
/// reads the unscaled integer.
/// </summary>
/// <param name="Service">Backend Service name, in the split's namespace.</param>
/// <param name="Weight">Relative weight. Negative values are representable so that validation can report them.</param>
public sealed record TrafficSplitBackend(string Service, decimal Weight);
