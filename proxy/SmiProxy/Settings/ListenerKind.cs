namespace SmiProxy.Settings;

/// <summary>The three listeners of a proxy; every connection is tagged with the one it arrived on.</summary>
internal enum ListenerKind
{
    /// <summary>The app's calls to other services.</summary>
    Outbound,

    /// <summary>Peer proxies (and permitted plaintext callers) calling this pod's app.</summary>
    Inbound,

    /// <summary>/ready, /config, /metrics, /stats.</summary>
    Admin,
}
