namespace Smi.TrafficMetrics.Tests;

public sealed class ExpositionTests
{
    [Fact]
    public void Parse_LabelsEscapesInfAndComments_ReadsEverySample()
    {
        const string text = """
            # HELP smi_requests_total Requests received by the inbound listener.
            # TYPE smi_requests_total counter
            smi_requests_total{source_identity="demo/client",note="a \"quoted\" \\ value",classification="success"} 7 1700000000000
            smi_request_duration_ms_bucket{le="+Inf"} 7
            smi_proxy_ready 1
            broken{label="unterminated} 3
            """;

        var samples = ExpositionParser.Parse(text);

        Assert.Equal(3, samples.Count);
        Assert.Equal("a \"quoted\" \\ value", samples[0].Labels["note"]);
        Assert.Equal(7, samples[0].Value);
        Assert.Equal("+Inf", samples[1].Labels["le"]);
        Assert.Equal(1, samples[2].Value);
        Assert.Empty(samples[2].Labels);
    }

    [Fact]
    public void Read_ProxyExposition_SplitsSuccessAndFailure_AndSumsBucketsOverStatusCodes()
    {
        var series = InboundSeriesReader.Read(ExpositionParser.Parse(MetricsSamples.Exposition(ok: 90, failed: 10)));

        var only = Assert.Single(series);
        Assert.Equal(new InboundKey("demo", "Deployment", "loadtester", "loadtester-0", "podinfo.demo", "podinfo-canary.demo"), only.Key);
        Assert.Equal(90, only.Success);
        Assert.Equal(10, only.Failure);
        Assert.Equal([(5.0, 0.0), (10.0, 50.0), (25.0, 100.0), (double.PositiveInfinity, 100.0)], only.Buckets.ToArray());
    }

    [Fact]
    public void Minus_CounterWentDown_TreatsAsRestartAndKeepsLaterValues()
    {
        var before = new InboundSeries(MetricsSamples.Key, 100, 5, [(10, 100), (double.PositiveInfinity, 105)]);
        var after = before with { Success = 150, Failure = 5, Buckets = [(10, 140), (double.PositiveInfinity, 155)] };
        var restarted = before with { Success = 3, Failure = 0, Buckets = [(10, 3), (double.PositiveInfinity, 3)] };

        var delta = after.Minus(before);
        Assert.Equal((50, 0), (delta.Success, delta.Failure));
        Assert.Equal([(10.0, 40.0), (double.PositiveInfinity, 50.0)], delta.Buckets.ToArray());
        Assert.Equal(restarted, restarted.Minus(before));
    }

    [Theory]
    [InlineData(0.5, 10)]     // rank 50 lands at the top of (5, 10]
    [InlineData(0.75, 17.5)]  // rank 75 is halfway through (10, 25]
    [InlineData(0.99, 24.7)]
    public void Quantile_LinearInsideBucket_LikeHistogramQuantile(double q, double expected)
    {
        (double, double)[] buckets = [(5, 0), (10, 50), (25, 100), (double.PositiveInfinity, 100)];

        Assert.Equal(expected, LatencyQuantile.Of(q, buckets)!.Value, precision: 6);
    }

    [Fact]
    public void Quantile_RankInInfBucket_AnswersHighestFiniteBound_AndNoRequestsIsNull()
    {
        Assert.Equal(25, LatencyQuantile.Of(0.99, [(25, 10), (double.PositiveInfinity, 100)]));
        Assert.Null(LatencyQuantile.Of(0.5, [(25, 0), (double.PositiveInfinity, 0)]));
        Assert.Null(LatencyQuantile.Of(0.5, []));
    }

    [Fact]
    public void Between_PodOnlyInLaterScrape_IsLeftOut_OthersAreDifferences()
    {
        var t0 = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var pod = new PodRef("demo", "podinfo-0", "Deployment", "podinfo");
        var newcomer = new PodRef("demo", "podinfo-1", "Deployment", "podinfo");
        var earlier = new MeshScrape(t0, [new PodTraffic(pod, [new InboundSeries(MetricsSamples.Key, 10, 0, [(double.PositiveInfinity, 10)])])]);
        var later = new MeshScrape(t0.AddSeconds(30), [
            new PodTraffic(pod, [new InboundSeries(MetricsSamples.Key, 25, 1, [(double.PositiveInfinity, 26)])]),
            new PodTraffic(newcomer, [new InboundSeries(MetricsSamples.Key, 1000, 0, [(double.PositiveInfinity, 1000)])]),
        ]);

        var window = TrafficWindow.Between(earlier, later);

        var edge = Assert.Single(window.Edges);
        Assert.Equal(pod, edge.Destination);
        Assert.Equal((15, 1), (edge.Series.Success, edge.Series.Failure));
        Assert.Equal(TimeSpan.FromSeconds(30), window.Window);
    }
}
