using FsCheck.Xunit;
using Smi.Api.Conversion;
using Smi.Api.Model;

namespace Smi.Api.Tests.Conversion;

/// <summary>Any hub object converts to every version of its kind (through JSON) and back unchanged.</summary>
public sealed class ConversionPropertyTests
{
    [Property(Arbitrary = [typeof(HubArbitraries)], MaxTest = 200)]
    public void TrafficSplit_EveryVersion_RoundTrips(TrafficSplit hub) => AssertRoundTrips(hub);

    [Property(Arbitrary = [typeof(HubArbitraries)], MaxTest = 200)]
    public void TrafficTarget_EveryVersion_RoundTrips(TrafficTarget hub) => AssertRoundTrips(hub);

    [Property(Arbitrary = [typeof(HubArbitraries)], MaxTest = 200)]
    public void HttpRouteGroup_EveryVersion_RoundTrips(HttpRouteGroup hub) => AssertRoundTrips(hub);

    [Property(Arbitrary = [typeof(HubArbitraries)], MaxTest = 200)]
    public void L4Route_EveryVersion_RoundTrips(L4Route hub) => AssertRoundTrips(hub);

    [Property(Arbitrary = [typeof(HubArbitraries)], MaxTest = 200)]
    public void TrafficSplit_ToIntegerVersion_KeepsEveryRatio(TrafficSplit hub)
    {
        var v4 = SmiApiRegistry.Find("split.smi-spec.io/v1alpha4", SmiKinds.TrafficSplit)!;
        var wire = (Smi.Api.Versions.Split.V1Alpha4.TrafficSplit)v4.FromHub(hub).Value!;
        var whole = wire.Spec!.Backends!.Select(b => (decimal)b.Weight).ToList();

        // w_i / w_j is the same before and after for every pair: w_i * v_j == w_j * v_i.
        for (var i = 0; i < whole.Count; i++)
        {
            for (var j = 0; j < whole.Count; j++)
            {
                Assert.Equal(hub.Backends[i].Weight * whole[j], hub.Backends[j].Weight * whole[i]);
            }
        }
    }

    private static void AssertRoundTrips(SmiObject hub)
    {
        foreach (var version in SmiApiRegistry.All.Where(v => v.Kind == hub.Kind))
        {
            var back = version.FromHub(hub)
                .Map(wire => version.Deserialize(version.Serialize(wire)))
                .Bind(version.ToHub);

            Assert.True(back.IsSuccess, $"{version}: {back.Error}");
            HubAssert.Equal(hub, back.Value);
        }
    }
}
