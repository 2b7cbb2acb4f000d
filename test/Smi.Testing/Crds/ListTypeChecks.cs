using System.Text.Json.Nodes;
using Smi.Api.Manifests;

namespace Smi.Testing.Crds;

/// <summary>
/// The API server's <c>x-kubernetes-list-type</c> checks, run after schema validation: items of a
/// <c>set</c> must be unique, and items of a <c>map</c> unique by their <c>x-kubernetes-list-map-keys</c>.
/// </summary>
internal static class ListTypeChecks
{
    public static void Check(JsonArray array, StructuralSchema schema, string path, List<FieldError> errors)
    {
        switch (schema.ListType)
        {
            case "set":
                for (var i = 0; i < array.Count; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (JsonValues.DeepEquals(array[i], array[j]))
                        {
                            errors.Add(new FieldError(FieldErrorType.Duplicate, FieldPath.Index(path, i), JsonValues.ToGoValue(array[i]), string.Empty));
                            break;
                        }
                    }
                }

                break;
            case "map":
                var seen = new List<JsonObject>();
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject item)
                    {
                        continue;
                    }

                    var keys = new JsonObject();
                    foreach (var key in schema.ListMapKeys)
                    {
                        keys[key] = item[key]?.DeepClone();
                    }

                    if (seen.Any(other => JsonValues.DeepEquals(other, keys)))
                    {
                        errors.Add(new FieldError(FieldErrorType.Duplicate, FieldPath.Index(path, i), keys, string.Empty));
                    }
                    else
                    {
                        seen.Add(keys);
                    }
                }

                break;
        }
    }
}
