using System.Collections.Immutable;
using System.Numerics;

namespace Smi.Api.Conversion;

/// <summary>
/// Turns exact (possibly fractional) weights into the whole numbers split.smi-spec.io v1alpha2+
/// carries, keeping every ratio exact. The official Go SDK reads a quantity's unscaled integer
/// instead (<c>500m</c> becomes 500, <c>1</c> stays 1), which inverts ratios.
/// </summary>
public static class WeightScaling
{
    /// <summary>True when every weight is a whole number.</summary>
    public static bool AllWhole(IEnumerable<decimal> weights) => weights.All(w => w == decimal.Truncate(w));

    /// <summary>
    /// Whole weights are returned as they are (90/10 stays 90/10: canary tools read their weights
    /// back). Otherwise every weight is multiplied by the smallest power of ten that makes all of
    /// them whole, then divided by their greatest common divisor: 1 and 0.5 become 2 and 1.
    /// </summary>
    public static Result<ImmutableArray<long>> ToWholeNumbers(IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var digits = weights.Count == 0 ? 0 : weights.Max(QuantityFormat.FractionalDigits);
        var factor = BigInteger.Pow(10, digits);
        var scaled = weights.Select(w => ToBigInteger(w, digits) ).ToList();
        if (digits > 0)
        {
            var gcd = scaled.Aggregate(BigInteger.Zero, (acc, w) => BigInteger.GreatestCommonDivisor(acc, w));
            if (gcd > BigInteger.One)
            {
                scaled = scaled.Select(w => w / gcd).ToList();
            }
        }

        if (scaled.Any(w => w > long.MaxValue || w < long.MinValue))
        {
            return Result<ImmutableArray<long>>.Failure(
                $"the weights cannot be written as whole numbers (scaled by {factor}) without exceeding {long.MaxValue}; use fewer decimal places or smaller weights");
        }

        return Result<ImmutableArray<long>>.Success([.. scaled.Select(w => (long)w)]);
    }

    private static BigInteger ToBigInteger(decimal weight, int digits)
    {
        // Exact: a decimal is an integer mantissa over a power of ten.
        var normalized = QuantityFormat.Normalize(weight);
        var bits = decimal.GetBits(normalized);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        if (normalized < 0)
        {
            mantissa = -mantissa;
        }

        return mantissa * BigInteger.Pow(10, digits - normalized.Scale);
    }
}
