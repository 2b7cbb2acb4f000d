using System.Buffers;
using System.Text;

namespace SmiProxy.Connections;

/// <summary>
/// Classifies a connection from its first bytes, without consuming them: the HTTP/2 preface
/// (<c>PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n</c>), a TLS handshake record carrying a ClientHello (with its
/// SNI), an HTTP/1.x request line (a known method and a space), or otherwise opaque bytes. It
/// decides as soon as the bytes rule every other answer out, so a client that sends a short
/// first packet is not kept waiting.
/// </summary>
internal static class ProtocolSniffer
{
    private static readonly byte[] Http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private static readonly byte[][] Methods = [.. new[] { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH" }.Select(m => Encoding.ASCII.GetBytes(m + " "))];

    /// <summary>The protocol, and for TLS the SNI host name (null when the ClientHello names none).</summary>
    public static SniffedProtocol Sniff(ReadOnlySequence<byte> buffer, out string? serverName)
    {
        serverName = null;
        if (buffer.IsEmpty)
        {
            return SniffedProtocol.NeedMore;
        }

        Span<byte> head = stackalloc byte[Http2Preface.Length];
        var length = (int)Math.Min(buffer.Length, head.Length);
        buffer.Slice(0, length).CopyTo(head);
        head = head[..length];

        if (head[0] == 0x16)
        {
            // A handshake record: read far enough for the SNI, or give up on it (still TLS).
            var hello = TlsClientHello.TryReadServerName(buffer, out serverName);
            return hello switch
            {
                TlsClientHello.Result.NeedMore => SniffedProtocol.NeedMore,
                TlsClientHello.Result.NotTls => SniffedProtocol.Opaque,
                _ => SniffedProtocol.Tls,
            };
        }

        var preface = Prefix(head, Http2Preface);
        if (preface == Match.Full)
        {
            return SniffedProtocol.Http2;
        }

        var anyPartial = preface == Match.Partial;
        foreach (var method in Methods)
        {
            var match = Prefix(head, method);
            if (match == Match.Full)
            {
                return SniffedProtocol.Http1;
            }

            anyPartial |= match == Match.Partial;
        }

        return anyPartial ? SniffedProtocol.NeedMore : SniffedProtocol.Opaque;
    }

    private enum Match
    {
        None,
        Partial,
        Full,
    }

    private static Match Prefix(ReadOnlySpan<byte> head, ReadOnlySpan<byte> expected)
    {
        var n = Math.Min(head.Length, expected.Length);
        if (!head[..n].SequenceEqual(expected[..n]))
        {
            return Match.None;
        }

        return n == expected.Length ? Match.Full : Match.Partial;
    }
}
