namespace Smi.Api.Manifests;

/// <summary>
/// Field paths in the form users see in messages: <c>spec.backends[1].weight</c>. Keys that are not
/// plain identifiers are quoted: <c>metadata.labels["app.kubernetes.io/name"]</c>.
/// </summary>
public static class FieldPath
{
    /// <summary>Appends an object key to a path.</summary>
    public static string Key(string parent, string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        if (!plain)
        {
            return $"{parent}[\"{key.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    /// <summary>Appends an array index to a path.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The parent of a path, or empty for a top-level key.</summary>
    public static string Parent(string path)
    {
        if (path.EndsWith(']'))
        {
            // Either [n] or ["key"]: find the opening bracket that is not inside quotes.
            var inQuotes = false;
            for (var i = path.Length - 2; i >= 0; i--)
            {
                if (path[i] == '"' && (i == 0 || path[i - 1] != '\\'))
                {
                    inQuotes = !inQuotes;
                }
                else if (path[i] == '[' && !inQuotes)
                {
                    return path[..i];
                }
            }

            return string.Empty;
        }

        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf(']');
        return dot > bracket ? path[..dot] : string.Empty;
    }
}
