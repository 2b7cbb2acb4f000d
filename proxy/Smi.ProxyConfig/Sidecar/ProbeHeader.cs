namespace Smi.ProxyConfig.Sidecar;

/// <summary>A header an httpGet probe sends.</summary>
public sealed record ProbeHeader(string Name, string Value);
