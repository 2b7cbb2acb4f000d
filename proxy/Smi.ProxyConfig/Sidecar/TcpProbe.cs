namespace Smi.ProxyConfig.Sidecar;

/// <summary>An app's tcpSocket probe with its port resolved to a number.</summary>
public sealed record TcpProbe(int Port);
