using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Smi.Api.Conversion;

/// <summary>
/// Kubernetes quantities for split.smi-spec.io/v1alpha1 weights: strict parsing against the API
/// server's pattern and canonical DecimalSI formatting (<c>0.5</c> is <c>500m</c>, <c>1000</c> is
/// <c>1k</c>), as <c>resource.Quantity</c> writes them. KubernetesClient's own canonical form is
/// wrong for negative values, which validation must still be able to show.
/// </summary>
public static partial class QuantityFormat
{
    private static readonly (int Exponent, string Suffix)[] DecimalSuffixes =
    [
        (18, "E"), (15, "P"), (12, "T"), (9, "G"), (6, "M"), (3, "k"), (0, string.Empty), (-3, "m"), (-6, "u"), (-9, "n"),
    ];

    /// <summary>Parses a quantity (<c>1</c>, <c>500m</c>, <c>1.5</c>, <c>1Ki</c>, <c>1e3</c>) to its exact value.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        if (text is null || !QuantityPattern().IsMatch(text))
        {
            return false;
        }

        try
        {
            value = Normalize(new ResourceQuantity(text).ToDecimal());
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The canonical DecimalSI form of <paramref name="value"/>: the largest SI suffix that keeps the mantissa whole.</summary>
    public static string Canonical(decimal value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + Canonical(-value);
        }

        foreach (var (exponent, suffix) in DecimalSuffixes)
        {
            try
            {
                var mantissa = exponent >= 0 ? value / Pow10(exponent) : value * Pow10(-exponent);
                if (mantissa == decimal.Truncate(mantissa) && (exponent < 0 || value % Pow10(exponent) == 0))
                {
                    return decimal.Truncate(mantissa).ToString(CultureInfo.InvariantCulture) + suffix;
                }
            }
            catch (OverflowException)
            {
                break;
            }
        }

        // Finer than a nano: no suffix can hold it; a plain decimal is still a valid quantity.
        return Normalize(value).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Strips trailing zeros (<c>0.500</c> becomes <c>0.5</c>) so equal weights look equal.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>Number of digits after the decimal point of the normalized value.</summary>
    public static int FractionalDigits(decimal value) => Normalize(value).Scale;

    internal static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    // The pattern of the Kubernetes API server (k8s.io/apimachinery resource.Quantity).
    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(\d+(\.\d*)?|\.\d+)))?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}
