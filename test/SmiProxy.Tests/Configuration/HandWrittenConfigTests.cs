using Smi.ProxyConfig;
using SmiProxy.Configuration;
using SmiProxy.Settings;

namespace SmiProxy.Tests.Configuration;

public sealed class HandWrittenConfigTests
{
    [Fact]
    public void Compile_MinimalHandWrittenDocument_IsAcceptedWithDefaults()
    {
        var json = """
            {"schemaVersion":1,"identity":{"namespace":"demo","serviceAccount":"client"},"mesh":{},"inbound":{"permissive":true,"services":[{"namespace":"demo","name":"client","ports":[{"port":80,"targetPort":18081,"protocol":"http"}]}]},
             "outbound":{"services":[{"namespace":"demo","name":"web","ports":[{"port":80,"routes":[{"name":"default","backends":[{"service":"web.demo","cluster":"demo/web:80","weight":1}]}]}]}],
             "clusters":[{"id":"demo/web:80","namespace":"demo","service":"web","port":80,"endpoints":[{"address":"127.55.0.2","port":18081}]}]}}
            """u8.ToArray();
        var document = ProxyConfigSerializer.TryDeserialize(json, out var error);
        Assert.True(document is not null, error);
        Assert.Empty(ProxyConfigValidator.Validate(document));
        ConfigCompiler.Compile(document, ProxyConfigSerializer.ComputeRevision(document), "x", null, new SidecarProxyOptions { ConfigDirectory = "/x" }, DateTimeOffset.UnixEpoch);
    }
}
