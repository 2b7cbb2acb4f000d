using System.Collections.Immutable;

namespace Smi.Core.Cluster;

/// <summary>A Service.</summary>
public sealed record ServiceInfo
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Pod selector; null for a Service without selector (endpoints managed by hand).</summary>
    public ImmutableDictionary<string, string>? Selector { get; init; }

    /// <summary>ClusterIP, if any (null or "None" for headless).</summary>
    public string? ClusterIp { get; init; }

    /// <summary>Ports.</summary>
    public ImmutableArray<ServicePortInfo> Ports { get; init; } = [];

    /// <summary>"namespace/name".</summary>
    public string Key => $"{Namespace}/{Name}";
}

/// <summary>A Service port.</summary>
/// <param name="Name">Port name (may be empty for a single-port Service).</param>
/// <param name="Port">Service port number.</param>
/// <param name="TargetPort">Target port: a number, a container port name, or null (= <paramref name="Port"/>).</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="AppProtocol">Application protocol hint (<c>spec.ports[].appProtocol</c>).</param>
public sealed record ServicePortInfo(string? Name, int Port, string? TargetPort = null, string Protocol = "TCP", string? AppProtocol = null);
