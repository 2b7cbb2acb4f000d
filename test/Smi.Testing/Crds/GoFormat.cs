using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>
/// Renders values as the API server's Go code prints them in error messages (<c>%v</c>, <c>%q</c>,
/// and JSON for composite values), so that messages match what <c>kubectl</c> shows.
/// </summary>
internal static class GoFormat
{
    /// <summary>Go's <c>strconv.Quote</c> for the characters that occur in manifests.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < 0x20 or 0x7f:
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    break;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Go's <c>%v</c> of a float64: shortest digits, exponent form below 1e-4 and from 1e6.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest.TrimStart('-'));
        if (exponent >= -4 && exponent < 6)
        {
            return value.ToString("0.####################", CultureInfo.InvariantCulture);
        }

        var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
        var sign = value < 0 ? "-" : string.Empty;
        return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    // "123.45" -> ("12345", 2); "1.5E-05" -> ("15", -5): significant digits and the decimal exponent of the first.
    private static (string Digits, int Exponent) Decompose(string text)
    {
        var e = text.IndexOfAny(['E', 'e']);
        var power = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var all = (intPart + (dot < 0 ? string.Empty : mantissa[(dot + 1)..])).TrimStart('0');
        var leadingZeros = (intPart + (dot < 0 ? string.Empty : mantissa[(dot + 1)..])).Length - all.Length;
        var exponent = intPart.Length - leadingZeros - 1 + power;
        var digits = all.TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, digits.Length == 0 ? 0 : exponent);
    }

    /// <summary>A bound (minimum, maximum) as the validator prints it: as an integer for integer data.</summary>
    public static string Bound(double bound, bool integerData) =>
        integerData ? ((long)bound).ToString(CultureInfo.InvariantCulture) : Float(bound);

    /// <summary>How <c>field.Error</c> prints a bad value.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => Float(d),
        bool b => b ? "true" : "false",
        JsonNode node => node.ToJsonString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}
