using Smi.Api.Conversion;
using Smi.Api.Model;

namespace Smi.Api.Tests.Conversion;

public sealed class RoundTripTests
{
    public static TheoryData<string, string, string> Pairs => Fixtures.Pairs();

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ToHub_ThroughEveryOtherVersion_HubUnchanged(string kind, string from, string to)
    {
        var hub = Load.Hub<SmiObject>(Fixtures.Yaml(kind, from));
        var target = SmiApiRegistry.Find(to, kind)!;

        // Through JSON as well, so the converters and the wire shapes are part of the round trip.
        var back = target.FromHub(hub)
            .Map(wire => target.Deserialize(target.Serialize(wire)))
            .Bind(target.ToHub);

        Assert.True(back.IsSuccess, back.Error);
        Assert.Equal(to, back.Value.SourceApiVersion);
        HubAssert.Equal(hub, back.Value);
    }

    [Theory]
    [InlineData("split.smi-spec.io/v1alpha1")]
    [InlineData("split.smi-spec.io/v1alpha2")]
    [InlineData("split.smi-spec.io/v1alpha3")]
    [InlineData("split.smi-spec.io/v1alpha4")]
    public void TrafficSplit_V1Alpha1Weights_ExactThroughEveryVersion(string to)
    {
        string[][] cases = [["1", "500m"], ["100m", "900m"], ["10m", "100m", "1500m"]];
        decimal[][] values = [[1m, 0.5m], [0.1m, 0.9m], [0.01m, 0.1m, 1.5m]];
        for (var c = 0; c < cases.Length; c++)
        {
            var backends = string.Join("\n", cases[c].Select((w, i) => $"  - service: b{i}\n    weight: {w}"));
            var hub = Load.Hub<TrafficSplit>($"apiVersion: split.smi-spec.io/v1alpha1\nkind: TrafficSplit\nmetadata:\n  name: s\nspec:\n  service: root\n  backends:\n{backends}\n");
            Assert.Equal(values[c], hub.Backends.Select(b => b.Weight));

            var target = SmiApiRegistry.Find(to, SmiKinds.TrafficSplit)!;
            var back = target.FromHub(hub).Map(w => target.Deserialize(target.Serialize(w))).Bind(target.ToHub);

            Assert.True(back.IsSuccess, back.Error);
            Assert.Equal(values[c], ((TrafficSplit)back.Value).Backends.Select(b => b.Weight));
        }
    }

    [Theory]
    [InlineData("1", "500m", 2, 1)]
    [InlineData("100m", "900m", 1, 9)]
    [InlineData("1", "0m", 1, 0)]
    public void TrafficSplit_V1Alpha1ToV1Alpha4_IntegerRatioExact(string first, string second, long expectedFirst, long expectedSecond)
    {
        var hub = Load.Hub<TrafficSplit>($"apiVersion: split.smi-spec.io/v1alpha1\nkind: TrafficSplit\nmetadata:\n  name: s\nspec:\n  service: root\n  backends:\n  - service: a\n    weight: {first}\n  - service: b\n    weight: {second}\n");

        var wire = (Smi.Api.Versions.Split.V1Alpha4.TrafficSplit)SmiApiRegistry.Find("split.smi-spec.io/v1alpha4", SmiKinds.TrafficSplit)!.FromHub(hub).Value!;

        Assert.Equal([expectedFirst, expectedSecond], wire.Spec!.Backends!.Select(b => b.Weight));
    }

    [Fact]
    public void TrafficSplit_V1Alpha1Quantities_NotReadAsUnscaledIntegers()
    {
        // smi-sdk-go reads 500m as 500 (AsDec().UnscaledBig()), giving v2 a third of... 500/501 of the traffic.
        var hub = Load.Hub<TrafficSplit>("apiVersion: split.smi-spec.io/v1alpha1\nkind: TrafficSplit\nmetadata:\n  name: s\nspec:\n  service: root\n  backends:\n  - service: v1\n    weight: 1\n  - service: v2\n    weight: 500m\n");

        Assert.Equal([1m, 0.5m], hub.Backends.Select(b => b.Weight));
    }

    [Fact]
    public void UdpRoute_ToOlderVersion_Fails()
    {
        var hub = Load.Hub<L4Route>(Fixtures.Yaml("UDPRoute", "specs.smi-spec.io/v1alpha4"));

        var result = SmiApiRegistry.Find("specs.smi-spec.io/v1alpha3", SmiKinds.TcpRoute)!.FromHub(hub);

        Assert.False(result.IsSuccess);
        Assert.Equal("cannot convert a UDPRoute to a TCPRoute", result.Error);
    }
}
