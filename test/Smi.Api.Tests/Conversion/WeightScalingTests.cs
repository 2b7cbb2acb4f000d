using Smi.Api.Conversion;

namespace Smi.Api.Tests.Conversion;

public sealed class WeightScalingTests
{
    [Theory]
    [InlineData(new[] { "1", "0.5" }, new long[] { 2, 1 })]
    [InlineData(new[] { "0.1", "0.9" }, new long[] { 1, 9 })]
    [InlineData(new[] { "0.01", "0.1", "1.5" }, new long[] { 1, 10, 150 })]
    [InlineData(new[] { "0.5", "0" }, new long[] { 1, 0 })]
    [InlineData(new[] { "90", "10" }, new long[] { 90, 10 })]
    [InlineData(new[] { "1000", "500" }, new long[] { 1000, 500 })]
    [InlineData(new[] { "0", "0" }, new long[] { 0, 0 })]
    [InlineData(new[] { "-0.5", "1" }, new long[] { -1, 2 })]
    public void ToWholeNumbers_Weights_ExactRatiosAndWholeOnesUntouched(string[] weights, long[] expected)
    {
        var result = WeightScaling.ToWholeNumbers([.. weights.Select(w => decimal.Parse(w, System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void ToWholeNumbers_ScaledBeyondInt64_Fails()
    {
        var result = WeightScaling.ToWholeNumbers([1_000_000_000_000_000_000m, 0.000000001m]);

        Assert.False(result.IsSuccess);
        Assert.Contains("cannot be written as whole numbers", result.Error, StringComparison.Ordinal);
    }
}
