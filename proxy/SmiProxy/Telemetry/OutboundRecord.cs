namespace SmiProxy.Telemetry;

/// <summary>One finished outbound request, as the metrics record it.</summary>
/// <param name="DestinationIdentity">Identity of the endpoint that served it ("unknown" when unmeshed or not forwarded).</param>
/// <param name="DestinationService">The Service the app addressed ("name.namespace", or "unknown").</param>
/// <param name="Backend">The split backend chosen ("name.namespace"; empty when none was chosen).</param>
/// <param name="StatusCode">Status sent to the app.</param>
/// <param name="DurationMs">Time from the request's arrival until the response completed.</param>
internal readonly record struct OutboundRecord(string DestinationIdentity, string DestinationService, string Backend, int StatusCode, double DurationMs);
