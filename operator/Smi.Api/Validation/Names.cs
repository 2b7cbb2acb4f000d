using System.Text.RegularExpressions;

namespace Smi.Api.Validation;

/// <summary>Name formats: Kubernetes DNS-1035 labels (Service names) and HTTP header tokens (RFC 9110).</summary>
internal static partial class Names
{
    public const string Dns1035Rule = "a DNS-1035 label: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";

    public static bool IsDns1035Label(string name) => name.Length <= 63 && Dns1035().IsMatch(name);

    public static bool IsHttpToken(string name) => HttpToken().IsMatch(name);

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HttpToken();
}
