using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// The validation rules of the real API server that a controller most easily breaks, with its
/// messages: label and annotation syntax and size, ownerReferences, ConfigMap/Secret keys and the
/// 1 MiB object limit, and the required fields of events.k8s.io/v1 Events. Everything else about
/// built-in objects is stored as sent.
/// </summary>
internal static partial class BuiltInValidation
{
    public const int MaxConfigMapBytes = 1024 * 1024;
    private const int MaxAnnotationBytes = 256 * 1024;

    public static List<(string Field, string Message)> Validate(ResourceType type, JsonObject obj)
    {
        var errors = new List<(string, string)>();
        Metadata(obj, errors);
        switch (type.Key)
        {
            case "configmaps":
                KeyedData(obj, "data", binary: false, errors);
                KeyedData(obj, "binaryData", binary: true, errors);
                break;
            case "secrets":
                KeyedData(obj, "data", binary: true, errors);
                KeyedData(obj, "stringData", binary: false, errors);
                break;
            case "events.events.k8s.io":
                EventsV1(obj, errors);
                break;
        }

        return errors;
    }

    private static void Metadata(JsonObject obj, List<(string, string)> errors)
    {
        foreach (var (key, value) in (obj["metadata"]?["labels"] as JsonObject) ?? [])
        {
            QualifiedName("metadata.labels", key, errors);
            var text = Meta.Str(value) ?? string.Empty;
            if (text.Length > 63 || !LabelValue().IsMatch(text))
            {
                errors.Add(("metadata.labels", $"Invalid value: \"{text}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
            }
        }

        var annotationBytes = 0;
        foreach (var (key, value) in (obj["metadata"]?["annotations"] as JsonObject) ?? [])
        {
            QualifiedName("metadata.annotations", key, errors);
            annotationBytes += key.Length + Encoding.UTF8.GetByteCount(Meta.Str(value) ?? string.Empty);
        }

        if (annotationBytes > MaxAnnotationBytes)
        {
            errors.Add(("metadata.annotations", $"Too long: must have at most {MaxAnnotationBytes} bytes"));
        }

        var references = (obj["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < references.Count; i++)
        {
            foreach (var field in new[] { "apiVersion", "kind", "name", "uid" })
            {
                if (string.IsNullOrEmpty(Meta.Str(references[i][field])))
                {
                    errors.Add(($"metadata.ownerReferences[{i}].{field}", $"Invalid value: \"\": {field} must not be empty"));
                }
            }
        }

        if (references.Count(r => r["controller"]?.GetValue<bool>() == true) > 1)
        {
            errors.Add(("metadata.ownerReferences", "Invalid value: only one reference can have Controller set to true"));
        }
    }

    private static void KeyedData(JsonObject obj, string field, bool binary, List<(string, string)> errors)
    {
        if (obj[field] is not JsonObject data)
        {
            return;
        }

        var total = TotalBytes(obj);
        foreach (var (key, value) in data)
        {
            if (key.Length > 253 || !ConfigKey().IsMatch(key))
            {
                errors.Add(($"{field}[{key}]", $"Invalid value: \"{key}\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
            }

            if (binary && !IsBase64(Meta.Str(value)))
            {
                errors.Add(($"{field}[{key}]", "Invalid value: illegal base64 data"));
            }
        }

        if (field is "data" or "binaryData" && total > MaxConfigMapBytes && !errors.Any(e => e.Item1 == "[]"))
        {
            errors.Add(("[]", $"Too long: must have at most {MaxConfigMapBytes} bytes"));
        }
    }

    /// <summary>The size the API server limits: keys plus values (binary values decoded).</summary>
    private static long TotalBytes(JsonObject obj)
    {
        long total = 0;
        foreach (var field in new[] { "data", "binaryData", "stringData" })
        {
            var binary = field == "binaryData" || (field == "data" && Meta.Str(obj["kind"]) == "Secret");
            foreach (var (key, value) in (obj[field] as JsonObject) ?? [])
            {
                var text = Meta.Str(value) ?? string.Empty;
                total += key.Length + (binary ? text.Length / 4 * 3 : Encoding.UTF8.GetByteCount(text));
            }
        }

        return total;
    }

    private static void EventsV1(JsonObject obj, List<(string, string)> errors)
    {
        foreach (var field in new[] { "eventTime", "reportingController", "reportingInstance", "action", "reason" })
        {
            if (string.IsNullOrEmpty(Meta.Str(obj[field])))
            {
                errors.Add((field, "Required value"));
            }
        }

        if (Meta.Str(obj["type"]) is not ("Normal" or "Warning"))
        {
            errors.Add(("type", $"Unsupported value: \"{Meta.Str(obj["type"])}\": supported values: \"Normal\", \"Warning\""));
        }

        if (Encoding.UTF8.GetByteCount(Meta.Str(obj["note"]) ?? string.Empty) > 1024)
        {
            errors.Add(("note", "Too long: may not be more than 1024 bytes"));
        }
    }

    private static void QualifiedName(string field, string key, List<(string, string)> errors)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? null : key[..slash];
        var name = slash < 0 ? key : key[(slash + 1)..];
        var validPrefix = prefix is null || (prefix.Length <= 253 && DnsSubdomain().IsMatch(prefix));
        if (!validPrefix || name.Length == 0 || name.Length > 63 || !LabelValue().IsMatch(name))
        {
            errors.Add((field, $"Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
        }
    }

    private static bool IsBase64(string? text)
    {
        if (text is null)
        {
            return true;
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
