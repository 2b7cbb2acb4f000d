using System.Globalization;
using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Resources;

namespace Smi.Testing.FakeKubeApi.Printing;

/// <summary>
/// Server-side printing: the <c>meta.k8s.io/v1 Table</c> the API server returns when a client
/// (kubectl get) asks for <c>application/json;as=Table;v=v1;g=meta.k8s.io</c>. Custom resources
/// get NAME plus the version's additionalPrinterColumns (NAME + AGE when it has none), built-ins
/// the columns of the real printers.
/// </summary>
internal static class TableConverter
{
    public static IReadOnlyList<TableColumn> ColumnsFor(ResourceType type, string version)
    {
        if (!type.IsCustom)
        {
            return BuiltInColumns.For(type.Key);
        }

        var printer = type.Served(version)?.Columns ?? [];
        if (printer.Count == 0)
        {
            return [BuiltInColumns.Name, BuiltInColumns.Age];
        }

        var columns = new List<TableColumn> { BuiltInColumns.Name };
        columns.AddRange(printer.Select(c => new TableColumn(
            c.Name,
            c.Type,
            c.Format,
            c.Priority,
            c.Description ?? $"Custom resource definition column (in JSONPath format): {c.JsonPath}",
            (o, now) => CustomCell(o, c, now))));
        return columns;
    }

    /// <param name="includeObject">The <c>includeObject</c> table option: None, Metadata (default) or Object.</param>
    /// <param name="withHeaders">False for watch events after the first, as the real server does.</param>
    public static JsonObject Build(ResourceType type, string version, IEnumerable<JsonObject> objects, string? resourceVersion, string? continueToken, DateTimeOffset now, string? includeObject, bool withHeaders = true)
    {
        var columns = ColumnsFor(type, version);
        var metadata = new JsonObject();
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        if (!string.IsNullOrEmpty(continueToken))
        {
            metadata["continue"] = continueToken;
        }

        var table = new JsonObject { ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata };
        if (withHeaders)
        {
            table["columnDefinitions"] = new JsonArray(columns.Select(c =>
            {
                var definition = new JsonObject { ["name"] = c.Name, ["type"] = c.Type, ["format"] = c.Format ?? string.Empty, ["description"] = c.Description, ["priority"] = c.Priority };
                return (JsonNode)definition;
            }).ToArray());
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => c.Cell(obj, now)).ToArray()) };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    row["object"] = obj.DeepClone();
                    break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = obj["metadata"]?.DeepClone(),
                    };
                    break;
            }

            rows.Add(row);
        }

        table["rows"] = rows;
        return table;
    }

    private static JsonNode? CustomCell(JsonObject obj, PrinterColumn column, DateTimeOffset now)
    {
        // Like the real convertor, only the first match of the path is printed.
        var found = SimpleJsonPath.Find(obj, column.JsonPath);
        if (found.Count == 0 || found[0] is null)
        {
            return null;
        }

        var value = found[0]!;
        switch (column.Type)
        {
            case "string":
                return value is JsonValue s && s.TryGetValue<string>(out var text) ? text : value.ToJsonString();
            case "integer":
                return Number(value) is { } number ? JsonValue.Create((long)number) : null;
            case "number":
                return Number(value) is { } d ? JsonValue.Create(d) : null;
            case "boolean":
                return value is JsonValue b && b.TryGetValue<bool>(out var flag) ? JsonValue.Create(flag) : null;
            case "date":
                if (value is JsonValue v && v.TryGetValue<string>(out var stamp))
                {
                    return DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                        ? HumanDuration.Format(now - at)
                        : "<invalid>";
                }

                return null;
            default:
                return null;
        }
    }

    private static double? Number(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
