using System.Text.RegularExpressions;
using FsCheck.Xunit;
using Smi.Operator.Kubernetes;

namespace Smi.Operator.Tests.Kubernetes;

/// <summary>Label values and object names the API server accepts, however long or odd the input.</summary>
public sealed partial class KubernetesNamesTests
{
    /// <summary>70 characters; the first 63 end in <c>-</c> (what cut-without-trim turned into an invalid label).</summary>
    internal const string LongServiceAccount = "orders-payments-reconciliation-batch-worker-for-the-eu-central-zone-a1";

    [Fact]
    public void LongServiceAccount_IsSeventyCharactersWhoseCutEndsInADash()
    {
        Assert.Equal(70, LongServiceAccount.Length);
        Assert.Equal('-', LongServiceAccount[62]);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("web-v1.canary_2")]
    [InlineData("")]
    public void LabelValue_ValidValue_Unchanged(string value) => Assert.Equal(value, KubernetesNames.LabelValue(value));

    [Fact]
    public void LabelValue_SeventyCharactersCutOnADash_CutTrimmedAndHashed()
    {
        var label = KubernetesNames.LabelValue(LongServiceAccount);

        Assert.True(label.Length <= 63, label);
        Assert.Matches(LabelPattern(), label);
        Assert.StartsWith("orders-payments-reconciliation-batch-worker-for-the-eu", label, StringComparison.Ordinal);
        Assert.Matches("-[0-9a-f]{8}$", label);
        Assert.Equal(label, KubernetesNames.LabelValue(LongServiceAccount));
    }

    [Fact]
    public void LabelValue_TwoLongValuesSharingTheFirst63Characters_Distinct()
    {
        var prefix = new string('a', 63);

        Assert.NotEqual(KubernetesNames.LabelValue(prefix + "-one"), KubernetesNames.LabelValue(prefix + "-two"));
    }

    [Theory]
    [InlineData("-leading-and-trailing-")]
    [InlineData("has spaces/and:colons")]
    [InlineData("---")]
    public void LabelValue_InvalidCharactersOrEnds_Valid(string value)
    {
        var label = KubernetesNames.LabelValue(value);

        Assert.Matches(LabelPattern(), label);
        Assert.True(KubernetesNames.IsValidLabelValue(label));
    }

    [Property(MaxTest = 500)]
    public bool LabelValue_AnyString_AcceptedByTheApiServersRule(string? value)
    {
        var label = KubernetesNames.LabelValue(value ?? string.Empty);
        return label.Length <= 63 && LabelPattern().IsMatch(label);
    }

    [Fact]
    public void NameFor_ShortServiceAccount_NamesAsTheInjectorMountsThem()
    {
        Assert.Equal("smi-proxy-client", ProxyConfigMaps.NameFor("client"));
        Assert.Equal("smi-proxy-client-tls", ProxyConfigMaps.SecretNameFor("client"));
        Assert.Equal("smi-proxy-" + LongServiceAccount, ProxyConfigMaps.NameFor(LongServiceAccount));
    }

    [Theory]
    [InlineData(243, '-')]
    [InlineData(243, '.')]
    [InlineData(240, '.')]
    [InlineData(253, 'x')]
    public void NameFor_ServiceAccountNearTheNameLimit_ValidSubdomainsDistinctPerAccount(int length, char atCut)
    {
        // The shortened names keep 242 (ConfigMap) and 238 (Secret) characters before the hash.
        var account = new string('a', length - 30) + new string('b', 30);
        var cut = account.ToCharArray();
        cut[231] = atCut;
        cut[227] = atCut;
        var one = new string(cut);
        var other = one[..^1] + "c";

        foreach (var name in new[] { ProxyConfigMaps.NameFor(one), ProxyConfigMaps.SecretNameFor(one) })
        {
            Assert.True(name.Length <= 253, $"{name.Length}: {name}");
            Assert.Matches(SubdomainPattern(), name);
        }

        Assert.NotEqual(ProxyConfigMaps.NameFor(one), ProxyConfigMaps.NameFor(other));
        Assert.NotEqual(ProxyConfigMaps.SecretNameFor(one), ProxyConfigMaps.SecretNameFor(other));
    }

    [Fact]
    public void Message_FitsInTheBudget_Unchanged()
    {
        var message = new string('x', 1024);

        Assert.Same(message, KubernetesNames.Message(message, 1024));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("é")]
    [InlineData("日")]
    [InlineData("😀")]
    public void Message_OverTheByteBudget_CutOnACharacterWithinTheBudgetAndEllipsis(string character)
    {
        var message = "spec.backends[0].weight: got \"" + string.Concat(Enumerable.Repeat(character, 2000)) + "\"";

        var cut = KubernetesNames.Message(message, 1024);

        var bytes = System.Text.Encoding.UTF8.GetByteCount(cut);
        Assert.InRange(bytes, 1024 - 6, 1024);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.StartsWith("spec.backends[0].weight: got \"", cut, StringComparison.Ordinal);
        Assert.True(cut.EnumerateRunes().All(r => r != System.Text.Rune.ReplacementChar), "a character was split");
        Assert.False(char.IsHighSurrogate(cut[^2]), "a surrogate pair was split");
    }

    // The API server's own patterns (apimachinery validation).
    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();
}
