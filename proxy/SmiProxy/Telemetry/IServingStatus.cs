namespace SmiProxy.Telemetry;

/// <summary>
/// What the proxy's state gauges read (ready, revision served, certificate expiry). The proxy's
/// state implements it, so metrics sit below the state they report on instead of depending on it.
/// </summary>
internal interface IServingStatus
{
    bool IsReady { get; }

    /// <summary>The config revision being served; null until the first config is applied.</summary>
    string? ServedRevision { get; }

    /// <summary>When the certificate in use expires; null until one loads.</summary>
    DateTimeOffset? CertificateNotAfter { get; }
}
