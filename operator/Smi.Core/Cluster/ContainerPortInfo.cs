namespace Smi.Core.Cluster;

/// <summary>A container port.</summary>
/// <param name="Name">Port name, if any.</param>
/// <param name="Port">Container port number.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
public sealed record ContainerPortInfo(string? Name, int Port, string Protocol = "TCP");
