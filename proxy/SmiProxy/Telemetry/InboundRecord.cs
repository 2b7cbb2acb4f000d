namespace SmiProxy.Telemetry;

/// <summary>One finished inbound request, as the metrics record it.</summary>
/// <param name="Source">The caller.</param>
/// <param name="DestinationService">The Service the client addressed (the apex of a split).</param>
/// <param name="Backend">The Service the request was routed to (the split backend; equal to the apex without a split).</param>
/// <param name="StatusCode">Status sent to the caller.</param>
/// <param name="DurationMs">Time from the request's arrival until the response completed.</param>
internal readonly record struct InboundRecord(PeerLabels Source, ServiceLabel DestinationService, ServiceLabel Backend, int StatusCode, double DurationMs);
