namespace Smi.TrafficMetrics;

/// <summary>Requests one pod received for one <see cref="InboundKey"/> during a window.</summary>
internal sealed record EdgeTraffic(PodRef Destination, InboundSeries Series);
