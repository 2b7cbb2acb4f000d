namespace SmiProxy.Telemetry;

/// <summary>Every log line the proxy writes. Nothing on the request path logs below Warning.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Serving config revision {Revision} for identity {Identity} from {Path}")]
    public static partial void ConfigApplied(this ILogger logger, string revision, string identity, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Rejected config {Path}: {Reason}; still serving revision {Revision}")]
    public static partial void ConfigRejected(this ILogger logger, string path, string reason, string revision);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "No config yet: neither {Json} nor {Gzip} exists in {Directory}; not ready")]
    public static partial void ConfigMissing(this ILogger logger, string json, string gzip, string directory);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "YARP could not apply config revision {Revision}; still serving the previous one")]
    public static partial void ConfigApplyFailed(this ILogger logger, string revision, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Loaded certificate {SpiffeId} (expires {NotAfter:O}) from {Directory}")]
    public static partial void CertificateLoaded(this ILogger logger, string spiffeId, DateTimeOffset notAfter, string directory);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Rejected certificate files in {Directory}: {Reason}; keeping the previous certificate")]
    public static partial void CertificateRejected(this ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "The certificate asserts {SpiffeId} but the config is for identity {Identity}; peers will check the certificate's identity")]
    public static partial void CertificateIdentityMismatch(this ILogger logger, string spiffeId, string identity);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "The certificate {SpiffeId} expired at {NotAfter:O}; peers will refuse it until it is rotated")]
    public static partial void CertificateExpired(this ILogger logger, string spiffeId, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Cannot watch {Directory} for changes ({Reason}); polling every {Interval} instead")]
    public static partial void WatcherUnavailable(this ILogger logger, string directory, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Both {Json} and {Gzip} exist in {Directory}; using {Json}")]
    public static partial void ConfigAmbiguous(this ILogger logger, string json, string gzip, string directory);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Reading {Path} failed: {Reason}")]
    public static partial void ReadFailed(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Denied {Method} {Path} from {Source} on port {Port}: {Reason}")]
    public static partial void AccessDenied(this ILogger logger, string method, string path, string source, int port, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Listening: outbound {Outbound}, inbound {Inbound}, admin {Admin}")]
    public static partial void Listening(this ILogger logger, string outbound, string inbound, string admin);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Refused {Direction} TCP connection from {Source} to {Destination} ({Reason}): {Detail}")]
    public static partial void TcpRefused(this ILogger logger, string direction, string source, string destination, string reason, string detail);
}
