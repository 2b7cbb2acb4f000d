using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Smi.Core.Compilation;

namespace Smi.Core.Tests.Compilation;

public sealed class WeightReducerTests
{
    [Theory]
    [InlineData("90,10", "9,1")]
    [InlineData("1,0.5", "2,1")]
    [InlineData("0.1,0.9", "1,9")]
    [InlineData("0.010,0.100,1.500", "1,10,150")]
    [InlineData("1000,500", "2,1")]
    [InlineData("7", "1")]
    [InlineData("3,5", "3,5")]
    public void Reduce_Examples(string weights, string expected)
    {
        var input = weights.Split(',').Select(w => decimal.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(expected, string.Join(",", WeightReducer.Reduce(input)));
    }

    [Property]
    public Property Reduce_KeepsRatiosExactly() => Prop.ForAll(
        Gen.Choose(1, 1_000_000).Select(i => i / 1000m).ArrayOf().Where(a => a.Length is > 0 and < 8).ToArbitrary(),
        weights =>
        {
            var reduced = WeightReducer.Reduce(weights);
            // w_i / w_j == r_i / r_j for all pairs  <=>  w_i * r_j == w_j * r_i
            return weights.Select((w, i) => weights.Select((v, j) => w * reduced[j] == v * reduced[i]).All(x => x)).All(x => x)
                && reduced.All(r => r > 0);
        });

    [Property]
    public Property Reduce_SharesSumToOne() => Prop.ForAll(
        Gen.Choose(1, 10_000).ArrayOf().Where(a => a.Length is > 0 and < 10).ToArbitrary(),
        weights =>
        {
            var reduced = WeightReducer.Reduce([.. weights.Select(w => (decimal)w)]);
            var total = reduced.Sum();
            var shares = reduced.Select(r => (decimal)r / total).Sum();
            return Math.Abs(shares - 1m) < 0.000000001m;
        });
}
