namespace Smi.Core.Cluster;

/// <summary>
/// The labels and annotations through which users steer the mesh. They are part of the product's
/// contract (docs/concepts.md): keep them stable.
/// </summary>
public static class MeshConventions
{
    /// <summary>Namespace label (and pod label/annotation to opt out): <c>enabled</c> or <c>disabled</c>.</summary>
    public const string InjectKey = "smi-operator.io/inject";

    /// <summary>Namespace label or annotation: <c>"true"</c> switches SMI default deny off for the namespace.</summary>
    public const string PermissiveKey = "smi-operator.io/permissive";

    /// <summary>Namespace label or annotation: <c>"true"</c> turns on access logs for every proxy of the namespace's identities.</summary>
    public const string AccessLogKey = "smi-operator.io/access-log";

    /// <summary>Pod annotation: the proxy's inbound port, when not the default.</summary>
    public const string InboundPortKey = "smi-operator.io/inbound-port";

    /// <summary>Whether a namespace is part of the mesh.</summary>
    public static bool IsMeshed(NamespaceInfo? ns, MeshOptions mesh)
    {
        var value = ns?.Labels.GetValueOrDefault(InjectKey);
        return value switch
        {
            "enabled" => true,
            "disabled" => false,
            _ => mesh.MeshUnlabelledNamespaces,
        };
    }

    /// <summary>Whether SMI default deny is switched off for a namespace (or the whole mesh).</summary>
    public static bool IsPermissive(NamespaceInfo? ns, MeshOptions mesh) =>
        mesh.Permissive
        || IsTrue(ns?.Labels.GetValueOrDefault(PermissiveKey))
        || IsTrue(ns?.Annotations.GetValueOrDefault(PermissiveKey));

    /// <summary>Whether the proxies of a namespace's identities log every request (namespace switch or the whole mesh).</summary>
    public static bool IsAccessLogged(NamespaceInfo? ns, MeshOptions mesh) =>
        mesh.AccessLog
        || IsTrue(ns?.Labels.GetValueOrDefault(AccessLogKey))
        || IsTrue(ns?.Annotations.GetValueOrDefault(AccessLogKey));

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
