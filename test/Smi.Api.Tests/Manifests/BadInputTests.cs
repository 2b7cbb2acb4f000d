using System.Text.Json.Nodes;
using Smi.Api.Conversion;
using Smi.Api.Manifests;
using Smi.Api.Validation;

namespace Smi.Api.Tests.Manifests;

/// <summary>
/// Bad input never throws: every field of every fixture replaced by every wrong JSON type still
/// loads, validates and converts to a finding or a failed result.
/// </summary>
public sealed class BadInputTests
{
    private static readonly Func<JsonNode?>[] WrongValues =
    [
        () => null, () => "x", () => 1.5m, () => -1, () => new JsonArray(), () => new JsonObject(),
        () => true, () => JsonNode.Parse("99999999999999999999999999999999"), () => "1e40", () => new JsonArray(1, "a", null),
    ];

    public static TheoryData<string, string> Fixtures() =>
        [.. Conversion.Fixtures.All.Keys.Select(k => (k.Kind, k.ApiVersion))];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void LoadValidateConvert_AnyFieldWrong_NeverThrows(string kind, string apiVersion)
    {
        var document = YamlJsonReader.ReadAll(Conversion.Fixtures.Yaml(kind, apiVersion, withStatus: true))[0];
        foreach (var path in document.Positions.Keys.Where(p => p.Length > 0))
        {
            foreach (var wrong in WrongValues)
            {
                var root = document.Root!.DeepClone().AsObject();
                Replace(root, JsonErrorTranslator.ParsePath("$." + path.Replace("[", ".[", StringComparison.Ordinal)), wrong());
                var text = root.ToJsonString();

                var loaded = ManifestLoader.LoadText("fuzz.json", text);
                foreach (var doc in loaded.Documents)
                {
                    _ = ManifestValidation.Validate(doc);
                }

                foreach (var target in SmiApiRegistry.All.Where(v => v.Kind == kind))
                {
                    _ = SmiConverter.Convert(root, target.ApiVersion);
                }
            }
        }
    }

    private static void Replace(JsonNode root, IReadOnlyList<object> segments, JsonNode? value)
    {
        var parent = root;
        for (var i = 0; i < segments.Count - 1 && parent is not null; i++)
        {
            parent = segments[i] switch
            {
                int index when parent is JsonArray a && index < a.Count => a[index],
                string key when parent is JsonObject o => o[key],
                _ => null,
            };
        }

        switch (segments[^1], parent)
        {
            case (int index, JsonArray array) when index < array.Count:
                array[index] = value;
                break;
            case (string key, JsonObject obj):
                obj[key] = value;
                break;
        }
    }
}
