namespace SmiProxy.Telemetry;

/// <summary>What the handler knows about a request for its access-log line.</summary>
internal readonly record struct AccessLogRecord(string Side, string Source, string Destination, string Service, string Backend, string Route, double DurationMs, string? Policy);
