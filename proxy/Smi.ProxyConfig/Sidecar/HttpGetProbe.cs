namespace Smi.ProxyConfig.Sidecar;

/// <summary>An app's httpGet probe with its port resolved to a number.</summary>
public sealed record HttpGetProbe
{
    public required int Port { get; init; }

    public string Path { get; init; } = "/";

    /// <summary><c>HTTP</c> or <c>HTTPS</c> (the app's own TLS; certificates are not verified, as kubelet does not).</summary>
    public string Scheme { get; init; } = "HTTP";

    /// <summary>Host header, when the probe set one.</summary>
    public string? Host { get; init; }

    public IReadOnlyList<ProbeHeader> Headers { get; init; } = [];
}
