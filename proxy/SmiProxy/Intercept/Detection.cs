using Microsoft.AspNetCore.Connections;
using SmiProxy.Connections;

namespace SmiProxy.Intercept;

/// <summary>Protocol detection on a connection, and the hand-over of an HTTP one to Kestrel's HTTP handler.</summary>
internal static class Detection
{
    /// <summary>What the connection speaks, waiting at most <paramref name="timeout"/> for its first bytes (then opaque).</summary>
    public static async Task<SniffedProtocol> SniffAsync(ConnectionContext connection, TimeSpan timeout)
    {
        try
        {
            return (await ConnectionSniffer.SniffAsync(connection.Transport.Input, timeout, connection.ConnectionClosed).ConfigureAwait(false)).Protocol;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException)
        {
            return SniffedProtocol.Opaque;
        }
    }

    public static bool IsHttp(SniffedProtocol protocol) => protocol is SniffedProtocol.Http1 or SniffedProtocol.Http2;

    /// <summary>Serves the connection as HTTP: HTTP/2 with prior knowledge (h2c) when it began with the preface.</summary>
    public static Task HttpAsync(ConnectionContext connection, ConnectionDelegate http, SniffedProtocol protocol)
    {
        if (protocol == SniffedProtocol.Http2)
        {
            PlaintextHttp2.Mark(connection.Features);
        }

        return http(connection);
    }
}
