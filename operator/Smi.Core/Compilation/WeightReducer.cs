using System.Collections.Immutable;
using System.Numerics;

namespace Smi.Core.Compilation;

/// <summary>
/// Turns exact decimal weights into the smallest positive integers with the same ratios: scale by
/// the power of ten that makes every weight whole, then divide by the GCD. 90/10 becomes 9/1,
/// v1alpha1's 1 and 500m (1 and 0.5) become 2/1, 10m/100m/1500m become 1/10/150.
/// </summary>
internal static class WeightReducer
{
    /// <summary>Reduces strictly positive weights; the result has the same length and order.</summary>
    public static ImmutableArray<long> Reduce(IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0)
        {
            return [];
        }

        var scale = weights.Max(Scale);
        var factor = BigInteger.Pow(10, scale);
        var scaled = weights.Select(w => ToBigInteger(w, scale, factor)).ToArray();
        var gcd = scaled.Aggregate(BigInteger.GreatestCommonDivisor);
        var reduced = scaled.Select(s => s / gcd).ToArray();
        var max = reduced.Max();
        if (max <= long.MaxValue)
        {
            return [.. reduced.Select(r => (long)r)];
        }

        // Only absurd inputs get here (validation caps weights); keep the ratios to 1e-12.
        const long Resolution = 1_000_000_000_000;
        return [.. reduced.Select(r => Math.Max(1L, (long)(r * Resolution / max)))];
    }

    private static int Scale(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;

    private static BigInteger ToBigInteger(decimal value, int scale, BigInteger factor)
    {
        // value * 10^scale is whole by construction; do it in BigInteger to avoid decimal overflow.
        var bits = decimal.GetBits(value);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var ownScale = (bits[3] >> 16) & 0xFF;
        return mantissa * (factor / BigInteger.Pow(10, ownScale));
    }
}
