namespace Smi.Core.Cluster;

/// <summary>A Service port.</summary>
/// <param name="Name">Port name (may be empty for a single-port Service).</param>
/// <param name="Port">Service port number.</param>
/// <param name="TargetPort">Target port: a number, a container port name, or null (= <paramref name="Port"/>).</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="AppProtocol">Application protocol hint (<c>spec.ports[].appProtocol</c>).</param>
public sealed record ServicePortInfo(string? Name, int Port, string? TargetPort = null, string Protocol = "TCP", string? AppProtocol = null);
