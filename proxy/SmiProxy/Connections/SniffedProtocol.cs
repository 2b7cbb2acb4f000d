namespace SmiProxy.Connections;

/// <summary>What the first bytes of a connection say it speaks.</summary>
internal enum SniffedProtocol
{
    /// <summary>Not enough bytes yet to tell.</summary>
    NeedMore,

    /// <summary>An HTTP/1.x request line.</summary>
    Http1,

    /// <summary>The HTTP/2 connection preface (prior knowledge, h2c).</summary>
    Http2,

    /// <summary>A TLS ClientHello.</summary>
    Tls,

    /// <summary>Anything else: carried as opaque TCP.</summary>
    Opaque,
}
