using System.Security.Cryptography;
using System.Text;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// The one place where names, label values and messages of the objects the operator writes are shortened.
/// The API server rejects an invalid label value or name with 422, and it does so on every write,
/// so a value that is cut badly once fails every later reconcile of that object. A value that has
/// to be shortened keeps a hash of the original, so two long inputs that share a prefix stay
/// distinguishable.
/// </summary>
internal static class KubernetesNames
{
    /// <summary>The longest label value the API server accepts.</summary>
    public const int MaxLabelValue = 63;

    /// <summary>The longest object name (a DNS subdomain).</summary>
    public const int MaxName = 253;

    /// <summary>Hex characters of the hash a shortened label value ends with.</summary>
    private const int LabelHashLength = 8;

    /// <summary>Hex characters of the hash a shortened object name ends with.</summary>
    private const int NameHashLength = 10;

    /// <summary>
    /// A valid label value for <paramref name="value"/>: the value itself when it already is one
    /// (at most 63 characters of [A-Za-z0-9._-], beginning and ending alphanumeric); otherwise
    /// the characters that may appear, cut and trimmed to begin and end alphanumeric, then
    /// <c>-</c> and a hash of the whole value.
    /// </summary>
    public static string LabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsValidLabelValue(value))
        {
            return value;
        }

        var hash = Hash(value, LabelHashLength);
        var kept = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            kept.Append(IsLabelCharacter(c) ? c : '-');
        }

        var stem = TrimToAlphanumeric(Cut(kept.ToString(), MaxLabelValue - LabelHashLength - 1));
        return stem.Length == 0 ? hash : $"{stem}-{hash}";
    }

    /// <summary>True when the API server accepts <paramref name="value"/> as a label value.</summary>
    public static bool IsValidLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return true;
        }

        return value.Length <= MaxLabelValue
            && char.IsAsciiLetterOrDigit(value[0])
            && char.IsAsciiLetterOrDigit(value[^1])
            && value.All(IsLabelCharacter);
    }

    /// <summary>
    /// <paramref name="name"/> when it fits in <paramref name="max"/> characters, else cut, trimmed
    /// of the <c>-</c> and <c>.</c> a DNS name may not end with, then <c>-</c> and a hash of
    /// <paramref name="hashOf"/> (the input that makes the name unique).
    /// </summary>
    public static string Name(string name, string hashOf, int max = MaxName)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length <= max)
        {
            return name;
        }

        var stem = Cut(name, max - NameHashLength - 1).TrimEnd('-', '.');
        return $"{stem}-{Hash(hashOf, NameHashLength)}";
    }

    /// <summary><paramref name="name"/> + <paramref name="suffix"/>, the name shortened (see <see cref="Name"/>) so that the whole fits.</summary>
    public static string WithSuffix(string name, string suffix, string hashOf) =>
        name.Length + suffix.Length <= MaxName ? name + suffix : Name(name, hashOf, MaxName - suffix.Length) + suffix;

    /// <summary>
    /// <paramref name="message"/> when its UTF-8 form fits in <paramref name="maxBytes"/>; otherwise cut
    /// on a character boundary and ended with <c>…</c>, within the limit. Event notes are limited in
    /// bytes (1 KiB), so a cut by characters can still be refused for a message quoting non-ASCII input.
    /// </summary>
    public static string Message(string message, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Encoding.UTF8.GetByteCount(message) <= maxBytes)
        {
            return message;
        }

        const string Ellipsis = "…";
        var budget = maxBytes - Encoding.UTF8.GetByteCount(Ellipsis);
        var kept = new StringBuilder();
        var bytes = 0;
        foreach (var rune in message.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > budget)
            {
                break;
            }

            kept.Append(rune.ToString());
        }

        return kept.Append(Ellipsis).ToString();
    }

    private static string Hash(string value, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..length];

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];

    private static string TrimToAlphanumeric(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && !char.IsAsciiLetterOrDigit(value[start]))
        {
            start++;
        }

        while (end > start && !char.IsAsciiLetterOrDigit(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    private static bool IsLabelCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
