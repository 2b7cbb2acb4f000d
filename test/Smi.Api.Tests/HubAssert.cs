using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Api.Model;

namespace Smi.Api.Tests;

/// <summary>
/// Structural equality of hub objects (records holding ImmutableArrays compare arrays by reference),
/// ignoring the version they were read from.
/// </summary>
internal static class HubAssert
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Canonical(SmiObject obj)
    {
        var node = JsonSerializer.SerializeToNode(obj, obj.GetType(), Options)!.AsObject();
        node.Remove(nameof(SmiObject.SourceApiVersion));
        return node.ToJsonString(Options);
    }

    public static void Equal(SmiObject expected, SmiObject actual) => Assert.Equal(Canonical(expected), Canonical(actual));

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();
}
