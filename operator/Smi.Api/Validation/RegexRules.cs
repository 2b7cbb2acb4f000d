using System.Text.RegularExpressions;

namespace Smi.Api.Validation;

/// <summary>
/// Route regexes must compile under <see cref="RegexOptions.NonBacktracking"/>, the engine the proxy
/// matches with: linear time (no catastrophic backtracking), and close to the RE2 dialect Go and
/// Envoy meshes use, so manifests stay portable.
/// </summary>
internal static class RegexRules
{
    /// <summary>Null when <paramref name="pattern"/> is usable, otherwise what is wrong with it.</summary>
    public static string? Check(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return null;
        }
        catch (NotSupportedException)
        {
            return $"regex \"{pattern}\" uses a construct RE2-compatible syntax does not have; backreferences, lookarounds, atomic groups and conditionals are not allowed, so rewrite it in RE2-compatible syntax";
        }
        catch (RegexParseException ex)
        {
            return $"regex \"{pattern}\" is invalid: {ex.Message}";
        }
        catch (ArgumentException ex)
        {
            return $"regex \"{pattern}\" is invalid: {ex.Message}";
        }
    }
}
