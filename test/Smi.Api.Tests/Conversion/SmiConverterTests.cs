using System.Text.Json.Nodes;
using Smi.Api.Conversion;
using Smi.Api.Manifests;
using Smi.Api.Model;

namespace Smi.Api.Tests.Conversion;

public sealed class SmiConverterTests
{
    public static TheoryData<string, string, string> Pairs => Fixtures.Pairs();

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Convert_EveryVersionPair_MetadataAndStatusKeptAndHubUnchanged(string kind, string from, string to)
    {
        var original = Json(Fixtures.Yaml(kind, from, withStatus: true));

        var converted = SmiConverter.Convert(original, to);

        Assert.True(converted.IsSuccess, converted.Error);
        Assert.Equal(to, converted.Value["apiVersion"]!.GetValue<string>());
        Assert.Equal(kind, converted.Value["kind"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(original["status"], converted.Value["status"]), "status changed");
        Assert.True(JsonNode.DeepEquals(original["metadata"], WithoutConversionAnnotations(converted.Value["metadata"])), "metadata changed beyond conversion annotations");

        var back = SmiConverter.Convert(converted.Value, from);

        Assert.True(back.IsSuccess, back.Error);
        Assert.True(JsonNode.DeepEquals(original["metadata"], back.Value["metadata"]), $"metadata not restored: {back.Value["metadata"]}");
        HubAssert.Equal(ToHub(original), ToHub(back.Value));
        HubAssert.Equal(ToHub(original), ToHub(converted.Value));
    }

    [Fact]
    public void Convert_SplitMatchesToV1Alpha2_StashedThenRestored()
    {
        var original = Json(Fixtures.Yaml("TrafficSplit", "split.smi-spec.io/v1alpha4"));

        var down = SmiConverter.Convert(original, "split.smi-spec.io/v1alpha2").Value!;

        Assert.Null(down["spec"]!["matches"]);
        Assert.Equal(
            """[{"apiGroup":"specs.smi-spec.io","kind":"HTTPRouteGroup","name":"firefox"},{"kind":"HTTPRouteGroup","name":"insiders"}]""",
            down["metadata"]!["annotations"]![ConversionAnnotations.SplitMatches]!.GetValue<string>());

        var up = SmiConverter.Convert(down, "split.smi-spec.io/v1alpha4").Value!;

        Assert.True(JsonNode.DeepEquals(original["spec"], up["spec"]), up.ToJsonString());
        Assert.Null(up["metadata"]!["annotations"]![ConversionAnnotations.SplitMatches]);
    }

    [Fact]
    public void Convert_FractionalWeightsToV1Alpha4_ScaledStashedThenRestored()
    {
        var original = Json(Fixtures.Yaml("TrafficSplit", "split.smi-spec.io/v1alpha1"));

        var down = SmiConverter.Convert(original, "split.smi-spec.io/v1alpha4").Value!;

        Assert.Equal("[2,1]", Weights(down));
        Assert.Equal("""["1","500m"]""", down["metadata"]!["annotations"]![ConversionAnnotations.Weights]!.GetValue<string>());

        var up = SmiConverter.Convert(down, "split.smi-spec.io/v1alpha1").Value!;

        Assert.Equal("""["1","500m"]""", Weights(up));
        Assert.Null(up["metadata"]!["annotations"]![ConversionAnnotations.Weights]);
    }

    [Fact]
    public void Convert_WeightsChangedAfterDownConversion_NewWeightsWin()
    {
        var down = SmiConverter.Convert(Json(Fixtures.Yaml("TrafficSplit", "split.smi-spec.io/v1alpha1")), "split.smi-spec.io/v1alpha4").Value!;
        down["spec"]!["backends"]![0]!["weight"] = 50;
        down["spec"]!["backends"]![1]!["weight"] = 50;

        var up = SmiConverter.Convert(down, "split.smi-spec.io/v1alpha1").Value!;

        Assert.Equal("""["50","50"]""", Weights(up));
        Assert.Null(up["metadata"]!["annotations"]![ConversionAnnotations.Weights]);
    }

    [Fact]
    public void Convert_WholeWeightsToV1Alpha2_WrittenAsTheyAre()
    {
        var down = SmiConverter.Convert(Json(Fixtures.Yaml("TrafficSplit", "split.smi-spec.io/v1alpha4")), "split.smi-spec.io/v1alpha2").Value!;

        Assert.Equal("[1000,500]", Weights(down));
        Assert.Null(down["metadata"]!["annotations"]![ConversionAnnotations.Weights]);
    }

    [Fact]
    public void Convert_DestinationPortToV1Alpha3_StashedAndReadBackIntoHub()
    {
        var down = SmiConverter.Convert(Json(Fixtures.Yaml("TrafficTarget", "access.smi-spec.io/v1alpha1")), "access.smi-spec.io/v1alpha3").Value!;

        Assert.Null(down["spec"]!["destination"]!["port"]);
        Assert.Equal("8080", down["metadata"]!["annotations"]![ConversionAnnotations.DestinationPort]!.GetValue<string>());
        Assert.Equal(8080, ((TrafficTarget)ToHub(down)).DestinationPort);

        var up = SmiConverter.Convert(down, "access.smi-spec.io/v1alpha2").Value!;

        Assert.Equal(8080, up["spec"]!["destination"]!["port"]!.GetValue<int>());
        Assert.Null(up["metadata"]!["annotations"]![ConversionAnnotations.DestinationPort]);
    }

    [Fact]
    public void Convert_UnreadableDestinationPortAnnotation_FailsClosed()
    {
        var obj = Json(Fixtures.Yaml("TrafficTarget", "access.smi-spec.io/v1alpha3"));
        obj["metadata"]!["annotations"]![ConversionAnnotations.DestinationPort] = "http";

        var result = SmiConverter.Convert(obj, "access.smi-spec.io/v1alpha1");

        Assert.False(result.IsSuccess);
        Assert.Equal("metadata.annotations[\"conversion.smi-operator.io/destination-port\"]", result.ErrorPath);
        Assert.Equal("expected a port number, got \"http\"", result.Error);
    }

    [Fact]
    public void Convert_HeadersToV1Alpha1_StashedWithTheirForm()
    {
        var original = Json(Fixtures.Yaml("HTTPRouteGroup", "specs.smi-spec.io/v1alpha3"));

        var down = SmiConverter.Convert(original, "specs.smi-spec.io/v1alpha1").Value!;

        Assert.Null(down["matches"]![0]!["headers"]);
        Assert.Equal(
            """[{"match":"android-insiders","headers":[{"user-agent":".*Android.*"},{"cookie":"^(.*?;)?(type=insider)(;.*)?$"}],"index":0}]""",
            down["metadata"]!["annotations"]![ConversionAnnotations.Headers]!.GetValue<string>());

        var up = SmiConverter.Convert(down, "specs.smi-spec.io/v1alpha3").Value!;

        Assert.True(JsonNode.DeepEquals(original["spec"], up["spec"]), up.ToJsonString());
    }

    [Fact]
    public void Convert_TcpPortsToV1Alpha1_StashedThenRestored()
    {
        var original = Json(Fixtures.Yaml("TCPRoute", "specs.smi-spec.io/v1alpha4"));

        var down = SmiConverter.Convert(original, "specs.smi-spec.io/v1alpha1").Value!;

        Assert.Null(down["spec"]);
        Assert.Equal("""{"name":"mysql","ports":[3306,6446]}""", down["metadata"]!["annotations"]![ConversionAnnotations.RouteMatches]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(original["spec"], SmiConverter.Convert(down, "specs.smi-spec.io/v1alpha4").Value!["spec"]));
    }

    [Fact]
    public void Convert_SameVersion_ReturnsEqualCopy()
    {
        var original = Json(Fixtures.Yaml("TrafficSplit", "split.smi-spec.io/v1alpha4", withStatus: true));

        var result = SmiConverter.Convert(original, "split.smi-spec.io/v1alpha4");

        Assert.True(JsonNode.DeepEquals(original, result.Value));
        Assert.NotSame(original, result.Value);
    }

    [Theory]
    [InlineData("apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nspec: {}", "split.smi-spec.io/v1alpha9", null,
        "cannot convert TrafficSplit to split.smi-spec.io/v1alpha9: split.smi-spec.io/v1alpha9 is not a served version; this operator serves split.smi-spec.io/v1alpha1, split.smi-spec.io/v1alpha2, split.smi-spec.io/v1alpha3, split.smi-spec.io/v1alpha4 (TrafficSplit)")]
    [InlineData("apiVersion: example.com/v1\nkind: Widget", "split.smi-spec.io/v1alpha4", "apiVersion", "example.com/v1 Widget is not an SMI API this operator serves")]
    [InlineData("apiVersion: split.smi-spec.io/v1alpha4\nkind: Widget", "split.smi-spec.io/v1alpha1", "apiVersion", "split.smi-spec.io has no kind Widget; it serves TrafficSplit")]
    [InlineData("kind: TrafficSplit", "split.smi-spec.io/v1alpha1", "apiVersion", "the object needs a string apiVersion and kind")]
    [InlineData("apiVersion: specs.smi-spec.io/v1alpha4\nkind: UDPRoute", "specs.smi-spec.io/v1alpha3", null, "cannot convert UDPRoute to specs.smi-spec.io/v1alpha3: specs.smi-spec.io/v1alpha3 has no UDPRoute; use specs.smi-spec.io/v1alpha4")]
    [InlineData("apiVersion: specs.smi-spec.io/v1alpha4\nkind: HTTPRouteGroup", "split.smi-spec.io/v1alpha4", null, "cannot convert HTTPRouteGroup to split.smi-spec.io/v1alpha4: HTTPRouteGroup does not belong to split.smi-spec.io; it is served as specs.smi-spec.io/v1alpha1, specs.smi-spec.io/v1alpha2, specs.smi-spec.io/v1alpha3, specs.smi-spec.io/v1alpha4")]
    [InlineData("apiVersion: split.smi-spec.io/v1alpha2\nkind: TrafficSplit\nspec:\n  backends:\n  - service: a\n    weight: 1.5", "split.smi-spec.io/v1alpha4", "spec.backends[0].weight",
        "expected a whole number, got 1.5: split.smi-spec.io v1alpha2 and later weights are whole numbers (only their ratio matters, so scale all weights up, or use v1alpha1 quantities such as 500m)")]
    [InlineData("apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nspec:\n  backends: web", "split.smi-spec.io/v1alpha1", "spec.backends", "expected a list, got \"web\"")]
    public void Convert_BadInput_ClearErrorNoException(string yaml, string to, string? path, string error)
    {
        var result = SmiConverter.Convert(Json(yaml), to);

        Assert.False(result.IsSuccess);
        Assert.Equal(error, result.Error);
        Assert.Equal(path, result.ErrorPath);
    }

    private static JsonObject Json(string yaml) => YamlJsonReader.ReadAll(yaml)[0].Root!.AsObject();

    private static SmiObject ToHub(JsonObject obj)
    {
        var version = SmiApiRegistry.Find(obj["apiVersion"]!.GetValue<string>(), obj["kind"]!.GetValue<string>())!;
        var hub = version.ToHub(version.Deserialize(obj));
        Assert.True(hub.IsSuccess, hub.Error);
        return hub.Value;
    }

    private static string Weights(JsonObject split) =>
        new JsonArray([.. split["spec"]!["backends"]!.AsArray().Select(b => b!["weight"]!.DeepClone())]).ToJsonString();

    private static JsonNode? WithoutConversionAnnotations(JsonNode? metadata)
    {
        var copy = metadata!.DeepClone().AsObject();
        if (copy["annotations"] is JsonObject annotations)
        {
            foreach (var key in annotations.Select(a => a.Key).Where(k => k.StartsWith(ConversionAnnotations.Prefix, StringComparison.Ordinal)).ToList())
            {
                annotations.Remove(key);
            }
        }

        return copy;
    }
}
