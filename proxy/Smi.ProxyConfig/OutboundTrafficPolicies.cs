namespace Smi.ProxyConfig;

/// <summary>The values of <see cref="MeshSettings.OutboundTrafficPolicy"/> (Istio's ALLOW_ANY and REGISTRY_ONLY).</summary>
public static class OutboundTrafficPolicies
{
    /// <summary>Destinations outside the mesh are reached directly (passthrough); the default.</summary>
    public const string AllowAny = "allow-any";

    /// <summary>Only Services and endpoints in the config can be reached; anything else is refused.</summary>
    public const string RegistryOnly = "registry-only";
}
