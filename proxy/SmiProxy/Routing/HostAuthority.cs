using System.Globalization;

namespace SmiProxy.Routing;

/// <summary>
/// Splits a Host header (or absolute-form authority) into the host, without brackets or a trailing
/// dot, and the port (80 when absent). Works on spans: resolving a request allocates nothing.
/// </summary>
internal static class HostAuthority
{
    public const int DefaultPort = 80;

    public static bool TryParse(ReadOnlySpan<char> value, out ReadOnlySpan<char> host, out int port)
    {
        host = default;
        port = DefaultPort;
        var span = value.Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<char> portPart = default;
        if (span[0] == '[')
        {
            var close = span.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = span[1..close];
            var rest = span[(close + 1)..];
            if (!rest.IsEmpty)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                portPart = rest[1..];
            }
        }
        else
        {
            var colon = span.LastIndexOf(':');
            if (colon >= 0 && span[..colon].Contains(':'))
            {
                // An unbracketed IPv6 literal carries no port.
                host = span;
            }
            else if (colon >= 0)
            {
                host = span[..colon];
                portPart = span[(colon + 1)..];
                if (portPart.IsEmpty)
                {
                    return false;
                }
            }
            else
            {
                host = span;
            }
        }

        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (host.IsEmpty)
        {
            return false;
        }

        return portPart.IsEmpty
            || (int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535);
    }
}
