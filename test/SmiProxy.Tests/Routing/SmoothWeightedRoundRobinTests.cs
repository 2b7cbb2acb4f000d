using FsCheck;
using FsCheck.Fluent;
using SmiProxy.Routing;

namespace SmiProxy.Tests.Routing;

public sealed class SmoothWeightedRoundRobinTests
{
    [Fact]
    public void Next_NineOne_EveryWindowOfTenIsExactlyNineToOne()
    {
        var swrr = new SmoothWeightedRoundRobin([9, 1]);

        var picks = Enumerable.Range(0, 1000).Select(_ => swrr.Next()).ToArray();

        for (var window = 0; window < 100; window++)
        {
            Assert.Equal(1, picks.Skip(window * 10).Take(10).Count(p => p == 1));
        }
    }

    [Fact]
    public void Next_OneZero_AllOrNothing()
    {
        var swrr = new SmoothWeightedRoundRobin([1, 0]);

        Assert.All(Enumerable.Range(0, 100).Select(_ => swrr.Next()), pick => Assert.Equal(0, pick));
    }

    [Fact]
    public void Next_FiveOneOne_IsSmoothNotBursty()
    {
        var swrr = new SmoothWeightedRoundRobin([5, 1, 1]);

        var period = Enumerable.Range(0, 7).Select(_ => swrr.Next()).ToArray();

        // nginx's documented sequence for weights 5/1/1: a a b a c a a.
        Assert.Equal(new[] { 0, 0, 1, 0, 2, 0, 0 }, period);
    }

    [Fact]
    public void Next_LargeWeights_FallBackToLockedAlgorithmAndStayExact()
    {
        var swrr = new SmoothWeightedRoundRobin([3000, 2000, 1]);

        var picks = Enumerable.Range(0, 5001).Select(_ => swrr.Next()).ToArray();

        Assert.Equal(3000, picks.Count(p => p == 0));
        Assert.Equal(2000, picks.Count(p => p == 1));
        Assert.Equal(1, picks.Count(p => p == 2));
    }

    [Fact]
    public async Task Next_Concurrent_TotalsStayExact()
    {
        var swrr = new SmoothWeightedRoundRobin([7, 3]);
        var counts = new int[2];

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1250; i++)
            {
                Interlocked.Increment(ref counts[swrr.Next()]);
            }
        })));

        Assert.Equal(7000, counts[0]);
        Assert.Equal(3000, counts[1]);
    }

    [Theory]
    [InlineData(new long[0])]
    [InlineData(new long[] { 0, 0 })]
    [InlineData(new long[] { 1, -1 })]
    public void Constructor_NoPositiveWeight_Throws(long[] weights)
    {
        Assert.Throws<ArgumentException>(() => new SmoothWeightedRoundRobin(weights));
    }

    [Fact]
    public void Next_AnyWeights_OnePeriodHitsEachBackendExactlyItsWeight()
    {
        var weights = Gen.Choose(0, 20).Select(w => (long)w).ArrayOf().Where(w => w.Length is > 0 and < 8 && w.Any(x => x > 0));
        Prop.ForAll(weights.ToArbitrary(), ws =>
        {
            var swrr = new SmoothWeightedRoundRobin(ws);
            var counts = new long[ws.Length];
            for (var i = 0; i < ws.Sum() * 3; i++)
            {
                counts[swrr.Next()]++;
            }

            return counts.Select((c, i) => c == ws[i] * 3).All(ok => ok);
        }).QuickCheckThrowOnFailure();
    }
}
