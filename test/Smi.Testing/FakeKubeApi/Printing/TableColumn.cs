using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Printing;

/// <summary>One column of a server-side printed table and how to compute its cell.</summary>
internal sealed record TableColumn(string Name, string Type, string? Format, int Priority, string Description, Func<JsonObject, DateTimeOffset, JsonNode?> Cell);
