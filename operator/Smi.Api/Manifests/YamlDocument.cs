using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Smi.Api.Manifests;

/// <summary>
/// One YAML (or JSON) document converted to a JSON tree, with the source position of every node so
/// that errors found later (validation, compilation) can point at a line and column.
/// </summary>
/// <param name="Index">0-based index of the document in its file.</param>
/// <param name="Root">The document as JSON; null for an empty document.</param>
/// <param name="Start">Where the document starts.</param>
/// <param name="Positions">Field path (<c>spec.backends[1].weight</c>) to the position of its value.</param>
public sealed record YamlDocument(int Index, JsonNode? Root, SourcePosition Start, ImmutableDictionary<string, SourcePosition> Positions)
{
    /// <summary>
    /// The position of <paramref name="path"/>, or of its nearest ancestor that exists (a missing
    /// field is reported where its parent is), or the document start.
    /// </summary>
    public SourcePosition PositionOf(string path)
    {
        var current = path;
        while (current.Length > 0)
        {
            if (Positions.TryGetValue(current, out var position))
            {
                return position;
            }

            current = FieldPath.Parent(current);
        }

        return Start;
    }
}
