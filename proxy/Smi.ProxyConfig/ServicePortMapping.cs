namespace Smi.ProxyConfig;

/// <summary>A Service port and the container port it maps to.</summary>
/// <param name="Port">Service port.</param>
/// <param name="TargetPort">Container port on the pod (after resolving named target ports).</param>
/// <param name="Name">Service port name, if any.</param>
/// <param name="Protocol">Application protocol: <see cref="AppProtocol.Http"/> or <see cref="AppProtocol.Tcp"/>.</param>
public sealed record ServicePortMapping(int Port, int TargetPort, string? Name, string Protocol);
