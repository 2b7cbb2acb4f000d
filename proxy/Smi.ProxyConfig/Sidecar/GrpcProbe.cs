namespace Smi.ProxyConfig.Sidecar;

/// <summary>An app's grpc probe: the port and the health service name (empty: the server as a whole).</summary>
public sealed record GrpcProbe(int Port, string? Service = null);
