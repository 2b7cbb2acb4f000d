using System.Text.Json.Nodes;
using Smi.Api.Manifests;

namespace Smi.Testing.Crds;

/// <summary>
/// Removes what the API server removes before it validates a custom resource: fields the
/// structural schema does not specify (pruning, reported as <c>unknown field "spec.foo"</c>
/// warnings), unknown <c>metadata</c> fields (ObjectMeta coercion), and nulls in fields that are
/// neither nullable nor defaulted. Works in place on the node it is given.
/// </summary>
public static class SchemaPruner
{
    /// <summary>The fields of metav1.ObjectMeta; anything else under metadata is dropped.</summary>
    public static readonly IReadOnlySet<string> ObjectMetaFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    };

    private static readonly HashSet<string> TypeMetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    /// <summary>
    /// Prunes unknown fields of a resource (the root of a custom resource is treated as an embedded
    /// resource: apiVersion, kind and metadata are kept) and returns the pruned paths in document order.
    /// </summary>
    public static IReadOnlyList<string> PruneResource(JsonObject resource, StructuralSchema schema)
    {
        var pruned = new List<string>();
        PruneObject(resource, schema, string.Empty, pruned, embedded: true);
        return pruned;
    }

    /// <summary>Prunes a value that is not a resource root (a field of one).</summary>
    public static IReadOnlyList<string> Prune(JsonNode? value, StructuralSchema? schema, string path)
    {
        var pruned = new List<string>();
        Prune(value, schema, path, pruned);
        return pruned;
    }

    /// <summary>
    /// Removes null values of fields that are not nullable (and have no default, which this
    /// validator does not support), as the API server does before validating. Returns their paths.
    /// </summary>
    public static IReadOnlyList<string> PruneNonNullableNulls(JsonNode? value, StructuralSchema? schema, string path = "")
    {
        var dropped = new List<string>();
        PruneNulls(value, schema, path, dropped);
        return dropped;
    }

    private static void Prune(JsonNode? value, StructuralSchema? schema, string path, List<string> pruned)
    {
        if (schema is { PreserveUnknownFields: true })
        {
            SkipPrune(value, schema, path, pruned);
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, pruned, embedded: schema?.EmbeddedResource ?? false);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(array[i], schema?.Items, FieldPath.Index(path, i), pruned);
                }

                break;
        }
    }

    private static void PruneObject(JsonObject obj, StructuralSchema? schema, string path, List<string> pruned, bool embedded)
    {
        foreach (var (key, child) in obj.ToList())
        {
            var childPath = FieldPath.Key(path, key);
            if (embedded && TypeMetaFields.Contains(key))
            {
                if (key == "metadata" && child is JsonObject metadata)
                {
                    PruneMetadata(metadata, childPath, pruned);
                }

                continue;
            }

            if (schema is not null && schema.Properties.TryGetValue(key, out var property))
            {
                Prune(child, property, childPath, pruned);
            }
            else if (schema?.AdditionalProperties is { } additional)
            {
                Prune(child, additional, childPath, pruned);
            }
            else if (schema is { PreserveUnknownFields: true })
            {
                // Reached through an embedded resource that preserves unknown fields.
            }
            else
            {
                obj.Remove(key);
                pruned.Add(childPath);
            }
        }
    }

    // Below x-kubernetes-preserve-unknown-fields unknown fields stay, but fields with a schema are still pruned.
    private static void SkipPrune(JsonNode? value, StructuralSchema schema, string path, List<string> pruned)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var childPath = FieldPath.Key(path, key);
                    if (schema.EmbeddedResource && TypeMetaFields.Contains(key))
                    {
                        if (key == "metadata" && child is JsonObject metadata)
                        {
                            PruneMetadata(metadata, childPath, pruned);
                        }
                    }
                    else if (schema.Properties.TryGetValue(key, out var property))
                    {
                        Prune(child, property, childPath, pruned);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        Prune(child, additional, childPath, pruned);
                    }
                }

                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    SkipPrune(array[i], items, FieldPath.Index(path, i), pruned);
                }

                break;
        }
    }

    // ObjectMeta coercion keeps only the fields of metav1.ObjectMeta.
    private static void PruneMetadata(JsonObject metadata, string path, List<string> pruned)
    {
        foreach (var key in metadata.Select(p => p.Key).ToList())
        {
            if (!ObjectMetaFields.Contains(key))
            {
                metadata.Remove(key);
                pruned.Add(FieldPath.Key(path, key));
            }
        }
    }

    private static void PruneNulls(JsonNode? value, StructuralSchema? schema, string path, List<string> dropped)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var childSchema = schema is null ? null : schema.Properties.GetValueOrDefault(key) ?? schema.AdditionalProperties;
                    var childPath = FieldPath.Key(path, key);
                    if (child is null && childSchema is { Nullable: false })
                    {
                        obj.Remove(key);
                        dropped.Add(childPath);
                    }
                    else
                    {
                        PruneNulls(child, childSchema, childPath, dropped);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    PruneNulls(array[i], schema?.Items, FieldPath.Index(path, i), dropped);
                }

                break;
        }
    }
}
