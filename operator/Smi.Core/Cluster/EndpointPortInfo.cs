namespace Smi.Core.Cluster;

/// <summary>A slice port.</summary>
/// <param name="Name">Service port name it serves (empty for an unnamed port).</param>
/// <param name="Port">Container port number.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
public sealed record EndpointPortInfo(string? Name, int Port, string Protocol = "TCP");
