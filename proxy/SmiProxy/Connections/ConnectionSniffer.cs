using System.IO.Pipelines;

namespace SmiProxy.Connections;

/// <summary>
/// Reads a connection's first bytes until <see cref="ProtocolSniffer"/> can tell its protocol or the
/// detection timeout passes (then it is opaque: a server-first protocol, or a client that is slow
/// to speak). Nothing is consumed: whoever handles the connection next reads the same bytes.
/// </summary>
internal static class ConnectionSniffer
{
    public static async Task<(SniffedProtocol Protocol, string? ServerName)> SniffAsync(PipeReader input, TimeSpan timeout, CancellationToken closed)
    {
        using var timer = new Timer(static state => ((PipeReader)state!).CancelPendingRead(), input, timeout, Timeout.InfiniteTimeSpan);
        while (true)
        {
            var result = await input.ReadAsync(closed).ConfigureAwait(false);
            var protocol = ProtocolSniffer.Sniff(result.Buffer, out var serverName);
            if (protocol != SniffedProtocol.NeedMore)
            {
                input.AdvanceTo(result.Buffer.Start);
                return (protocol, serverName);
            }

            if (result.IsCanceled || result.IsCompleted)
            {
                // Silent past the timeout, or closed after too few bytes to tell: opaque.
                input.AdvanceTo(result.Buffer.Start);
                return (SniffedProtocol.Opaque, null);
            }

            // Examined everything, consumed nothing: the next read waits for more bytes.
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
