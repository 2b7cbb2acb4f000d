using Smi.Api.Conversion;

namespace Smi.Api.Tests.Conversion;

public sealed class QuantityFormatTests
{
    [Theory]
    [InlineData("0.5", "500m")]
    [InlineData("1", "1")]
    [InlineData("1.5", "1500m")]
    [InlineData("0.01", "10m")]
    [InlineData("0", "0")]
    [InlineData("1000", "1k")]
    [InlineData("1500", "1500")]
    [InlineData("0.0000001", "100n")]
    [InlineData("-1", "-1")]
    [InlineData("-0.5", "-500m")]
    [InlineData("0.0000000001", "0.0000000001")]
    public void Canonical_Value_WritesKubernetesCanonicalForm(string value, string expected) =>
        Assert.Equal(expected, QuantityFormat.Canonical(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("1", "1")]
    [InlineData("1000m", "1")]
    [InlineData("1500m", "1.5")]
    [InlineData("10m", "0.01")]
    [InlineData("1Ki", "1024")]
    [InlineData("1e3", "1000")]
    [InlineData("0.5", "0.5")]
    [InlineData("-1", "-1")]
    public void TryParse_Quantity_ExactValue(string text, string expected)
    {
        Assert.True(QuantityFormat.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 m")]
    [InlineData("1x")]
    public void TryParse_NotAQuantity_False(string text) => Assert.False(QuantityFormat.TryParse(text, out _));
}
