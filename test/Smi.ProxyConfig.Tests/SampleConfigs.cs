namespace Smi.ProxyConfig.Tests;

/// <summary>Small, valid documents to start tests from.</summary>
internal static class SampleConfigs
{
    public static MeshProxyConfig Canary() => ProxyConfigSerializer.WithRevision(new MeshProxyConfig
    {
        Identity = new ProxyIdentity("demo", "client"),
        Mesh = new MeshSettings(),
        Inbound = new InboundConfig
        {
            Services = [new InboundService { Namespace = "demo", Name = "client", Ports = [new ServicePortMapping(80, 8080, "http", AppProtocol.Http)] }],
            Rules =
            [
                new AccessRule
                {
                    Origin = "TrafficTarget demo/allow",
                    Sources = ["demo/web"],
                    Ports = [8080],
                    HttpMatches = [new HttpRouteMatch { Origin = "HTTPRouteGroup demo/routes#api", PathRegex = "^(?:/api)", Methods = ["GET"] }],
                },
            ],
        },
        Outbound = new OutboundConfig
        {
            Services =
            [
                new OutboundService
                {
                    Namespace = "demo",
                    Name = "web",
                    Ports =
                    [
                        new OutboundPort
                        {
                            Port = 80,
                            Routes =
                            [
                                new OutboundRoute
                                {
                                    Name = "split:demo/web",
                                    Origins = ["TrafficSplit demo/web"],
                                    Backends = [new WeightedBackend(new ServiceKey("demo", "web-v1"), "demo/web-v1:80", 9), new WeightedBackend(new ServiceKey("demo", "web-v2"), "demo/web-v2:80", 1)],
                                },
                            ],
                        },
                    ],
                },
            ],
            Clusters =
            [
                new BackendCluster { Id = "demo/web-v1:80", Namespace = "demo", Service = "web-v1", Port = 80, Endpoints = [new Endpoint { Address = "127.1.0.1", Port = 8080, Identity = "demo/web", InboundPort = 15006, Pod = "web-v1-0" }] },
                new BackendCluster { Id = "demo/web-v2:80", Namespace = "demo", Service = "web-v2", Port = 80, Endpoints = [new Endpoint { Address = "127.1.0.2", Port = 8080 }] },
            ],
        },
    });
}
