using System.Globalization;

namespace Smi.Api.Validation;

/// <summary>
/// Go-style durations as Kubernetes users write them (<c>500ms</c>, <c>1s</c>, <c>1m30s</c>,
/// <c>1.5h</c>): one or more decimal numbers each followed by a unit (<c>ns</c>, <c>us</c>,
/// <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>). Signs are not accepted: no policy duration
/// can be negative.
/// </summary>
public static class GoDuration
{
    /// <summary>What a duration looks like, for error messages.</summary>
    public const string Format = "a duration such as 500ms, 1s, 1m30s or 1h (units ns, us, ms, s, m, h)";

    /// <summary>Parses <paramref name="text"/>; false when it is not a Go-style duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        double totalMs = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                i++;
            }

            double? unitMs = text[unitStart..i] switch
            {
                "ns" => 1e-6,
                "us" or "µs" or "μs" => 1e-3,
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => null,
            };
            if (unitMs is null)
            {
                return false;
            }

            totalMs += number * unitMs.Value;
        }

        if (totalMs > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>Whole milliseconds (rounded up, so that 1.5ms is never 1ms) for the proxy contract.</summary>
    public static int ToMilliseconds(TimeSpan duration) => (int)Math.Min(int.MaxValue, Math.Ceiling(duration.TotalMilliseconds));
}
