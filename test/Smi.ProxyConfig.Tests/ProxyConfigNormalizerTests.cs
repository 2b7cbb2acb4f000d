namespace Smi.ProxyConfig.Tests;

public sealed class ProxyConfigNormalizerTests
{
    [Fact]
    public void TryDeserialize_OptionalMembersOmitted_GetTheirDeclaredDefaults()
    {
        var json = """
            {"schemaVersion":1,"identity":{"namespace":"demo","serviceAccount":"client"},"mesh":{},
             "inbound":{"services":[{"namespace":"demo","name":"client","ports":[{"port":80,"targetPort":8080,"protocol":"http"}]}]},
             "outbound":{"services":[{"namespace":"demo","name":"web","ports":[{"port":80,"routes":[{"name":"default","backends":[{"service":"web.demo","cluster":"demo/web:80","weight":1}]}]}]}],
                         "clusters":[{"id":"demo/web:80","namespace":"demo","service":"web","port":80}]}}
            """u8;

        var config = ProxyConfigSerializer.TryDeserialize(json, out var error);

        Assert.True(config is not null, error);
        Assert.Equal(string.Empty, config.Revision);
        Assert.Equal("cluster.local", config.Mesh.TrustDomain);
        Assert.Equal("cluster.local", config.Mesh.ClusterDomain);
        Assert.Same(ResilienceSettings.Default, config.Defaults);
        Assert.NotNull(config.Tls);
        Assert.Empty(config.Inbound.Rules);
        Assert.Empty(config.Inbound.Services[0].ApexServices);
        Assert.Empty(config.Outbound.DeniedServices);
        var port = config.Outbound.Services[0].Ports[0];
        Assert.Equal(AppProtocol.Http, port.Protocol);
        Assert.Empty(port.Routes[0].Matches);
        Assert.Empty(port.Routes[0].Origins);
        Assert.Empty(config.Outbound.Clusters[0].Endpoints);
        Assert.Empty(ProxyConfigValidator.Validate(config));
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"identity":null,"mesh":{},"inbound":{},"outbound":{}}""", "identity: missing")]
    [InlineData("""{"schemaVersion":1,"identity":{"namespace":"a","serviceAccount":"b"},"mesh":{},"inbound":{"rules":[null]},"outbound":{}}""", "inbound.rules: an entry is null")]
    [InlineData("""{"schemaVersion":1,"identity":{"namespace":"a","serviceAccount":"b"},"mesh":{},"inbound":{},"outbound":{"services":[null]}}""", "outbound.services: an entry is null")]
    public void TryDeserialize_NullRequiredParts_ErrorInsteadOfCrash(string json, string expected)
    {
        var config = ProxyConfigSerializer.TryDeserialize(System.Text.Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(config);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_NullArray_ErrorNamesThePath()
    {
        var json = """
            {"schemaVersion":1,"identity":{"namespace":"a","serviceAccount":"b"},"mesh":{},
             "inbound":{"rules":[{"origin":"TrafficTarget a/t","sources":null}]},"outbound":{}}
            """u8;

        var config = ProxyConfigSerializer.TryDeserialize(json, out var error);

        Assert.Null(config);
        Assert.Contains("$.inbound.rules[0].sources", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_RequiredArrayMissing_ValidatorReportsIt()
    {
        var json = """
            {"schemaVersion":1,"identity":{"namespace":"a","serviceAccount":"b"},"mesh":{},"inbound":{},
             "outbound":{"services":[{"namespace":"a","name":"web","ports":[{"port":80,"routes":[]}]}]}}
            """u8;

        var config = ProxyConfigSerializer.TryDeserialize(json, out var error);

        Assert.True(config is not null, error);
        Assert.Contains(ProxyConfigValidator.Validate(config), e => e.StartsWith("outbound.services[0].ports[0].routes", StringComparison.Ordinal));
    }
}
