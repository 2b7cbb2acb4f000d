using System.Buffers;
using System.Text;

namespace SmiProxy.Connections;

/// <summary>
/// Reads the server name (SNI, RFC 6066) from a TLS ClientHello without terminating TLS: record
/// header, handshake header, version, random, session id, cipher suites, compression methods,
/// then the extensions, looking for server_name (type 0) host_name entries.
/// </summary>
internal static class TlsClientHello
{
    /// <summary>How far the read got.</summary>
    public enum Result
    {
        NeedMore,
        NotTls,
        Hello,
    }

    // A ClientHello rarely exceeds one record; past this the SNI is not worth waiting for.
    private const int MaxHello = 16 * 1024;

    public static Result TryReadServerName(ReadOnlySequence<byte> buffer, out string? serverName)
    {
        serverName = null;
        if (buffer.Length < 5)
        {
            return Result.NeedMore;
        }

        Span<byte> header = stackalloc byte[5];
        buffer.Slice(0, 5).CopyTo(header);
        if (header[0] != 0x16 || header[1] != 0x03)
        {
            return Result.NotTls;
        }

        var recordLength = (header[3] << 8) | header[4];
        if (recordLength is 0 or > MaxHello)
        {
            return Result.NotTls;
        }

        if (buffer.Length < 5 + recordLength)
        {
            return Result.NeedMore;
        }

        var record = buffer.Slice(5, recordLength).ToArray();
        serverName = ServerName(record);
        return record.Length > 0 && record[0] == 0x01 ? Result.Hello : Result.NotTls;
    }

    private static string? ServerName(ReadOnlySpan<byte> hello)
    {
        try
        {
            // handshake type (1) + length (3), version (2), random (32)
            var p = 4 + 2 + 32;
            p += 1 + hello[p]; // session id
            p += 2 + ((hello[p] << 8) | hello[p + 1]); // cipher suites
            p += 1 + hello[p]; // compression methods
            if (p + 2 > hello.Length)
            {
                return null;
            }

            var end = Math.Min(hello.Length, p + 2 + ((hello[p] << 8) | hello[p + 1]));
            p += 2;
            while (p + 4 <= end)
            {
                var type = (hello[p] << 8) | hello[p + 1];
                var length = (hello[p + 2] << 8) | hello[p + 3];
                p += 4;
                if (type == 0 && p + 2 <= end)
                {
                    // server_name_list: length (2), then entries of type (1) + length (2) + name.
                    var q = p + 2;
                    while (q + 3 <= p + length)
                    {
                        var nameType = hello[q];
                        var nameLength = (hello[q + 1] << 8) | hello[q + 2];
                        if (nameType == 0 && q + 3 + nameLength <= end)
                        {
                            return Encoding.ASCII.GetString(hello.Slice(q + 3, nameLength));
                        }

                        q += 3 + nameLength;
                    }

                    return null;
                }

                p += length;
            }
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // A truncated or odd hello: TLS without a readable name.
        }

        return null;
    }
}
