namespace SmiProxy.Telemetry;

/// <summary>Label values for status codes, cached so recording a request allocates no strings for them.</summary>
internal static class StatusCodeLabels
{
    private static readonly string[] Labels = Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static string Get(int statusCode) =>
        (uint)statusCode < (uint)Labels.Length ? Labels[statusCode] : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Linkerd's and this proxy's classification: 5xx (and no response at all) is a failure.</summary>
    public static string Classify(int statusCode) => statusCode is >= 500 or < 100 ? "failure" : "success";
}
