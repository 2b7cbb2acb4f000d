namespace Smi.Api.Conversion;

/// <summary>
/// Annotations under our prefix that carry what a down-conversion could not express, so that
/// converting back restores it (Kubernetes' convention for lossless round trips between API
/// versions). The conversion that restores a value removes its annotation. See docs/conversion.md.
/// </summary>
public static class ConversionAnnotations
{
    /// <summary>Prefix of every conversion annotation.</summary>
    public const string Prefix = "conversion.smi-operator.io/";

    /// <summary>
    /// TrafficSplit written to v1alpha2+ from fractional weights: the original quantities as a JSON
    /// list of strings in backend order (<c>["1","500m"]</c>). Restored only while the integer
    /// weights still have the ratio they were converted to, so a later edit of the weights wins.
    /// </summary>
    public const string Weights = Prefix + "weights";

    /// <summary>TrafficSplit written to v1alpha1/v1alpha2 (which have no <c>matches</c>): <c>spec.matches</c> as JSON.</summary>
    public const string SplitMatches = Prefix + "matches";

    /// <summary>TrafficTarget written to v1alpha3 (which has no port): the v1alpha1/v1alpha2 <c>destination.port</c>.</summary>
    public const string DestinationPort = Prefix + "destination-port";

    /// <summary>HTTPRouteGroup written to v1alpha1 (which has no headers): each match's headers as JSON.</summary>
    public const string Headers = Prefix + "headers";

    /// <summary>TCPRoute written to v1alpha1–v1alpha3 (which have no ports): <c>spec.matches</c> as JSON.</summary>
    public const string RouteMatches = Prefix + "route-matches";

    /// <summary>Every annotation this version of the operator writes and consumes.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Weights, SplitMatches, DestinationPort, Headers, RouteMatches,
    };
}
