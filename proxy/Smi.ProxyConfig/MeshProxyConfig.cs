namespace Smi.ProxyConfig;

/// <summary>
/// The whole configuration of every proxy running as one identity (namespace + ServiceAccount):
/// the one document the control plane writes (a ConfigMap key, or a file in local mode) and the
/// sidecar accepts. Full snapshots, never deltas; <see cref="Revision"/> is a hash of the content,
/// so equal content has an equal revision and a proxy can report exactly what it serves.
/// Field-by-field documentation: docs/proxy-config.md.
/// </summary>
public sealed record MeshProxyConfig
{
    /// <summary>The schema version this library reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Schema version of the document; a proxy rejects versions it does not know.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>
    /// <c>sha256:</c> + the first 32 hex digits of the SHA-256 of the document serialized with an
    /// empty revision. Set by <see cref="ProxyConfigSerializer.WithRevision"/>; never edited by hand.
    /// </summary>
    public string Revision { get; init; } = string.Empty;

    /// <summary>Whose proxies this configures.</summary>
    public required ProxyIdentity Identity { get; init; }

    /// <summary>Mesh-wide settings the proxy needs (trust and cluster domains).</summary>
    public required MeshSettings Mesh { get; init; }

    /// <summary>Traffic entering pods of this identity: the services they serve and who may call them.</summary>
    public required InboundConfig Inbound { get; init; }

    /// <summary>Traffic leaving pods of this identity: every service it can reach and how to route to it.</summary>
    public required OutboundConfig Outbound { get; init; }

    /// <summary>mTLS trust settings.</summary>
    public TlsSettings Tls { get; init; } = new();

    /// <summary>Timeouts, retries, outlier ejection and load balancing applied where a route does not override them.</summary>
    public ResilienceSettings Defaults { get; init; } = ResilienceSettings.Default;

    /// <summary>Access-log every request on both sides (the namespace's or the mesh's switch); policies can also turn it on per service.</summary>
    public bool AccessLog { get; init; }
}
