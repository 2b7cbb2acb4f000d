namespace Smi.Core.Cluster;

/// <summary>A ServiceAccount: a potential proxy identity.</summary>
/// <param name="Namespace">Namespace.</param>
/// <param name="Name">Name.</param>
public sealed record ServiceAccountInfo(string Namespace, string Name);
