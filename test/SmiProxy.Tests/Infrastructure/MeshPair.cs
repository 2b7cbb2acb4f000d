using Smi.ProxyConfig;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>
/// The usual two-pod mesh: a server identity demo/web whose app serves Service "web" on port 80,
/// and a client identity demo/client whose outbound reaches "web" at the server proxy's inbound over mTLS.
/// </summary>
internal sealed class MeshPair
{
    public static readonly ProxyIdentity ClientIdentity = new("demo", "client");
    public static readonly ProxyIdentity ServerIdentity = new("demo", "web");

    private MeshPair(TestMesh mesh, EchoServer app, TestProxy server, TestProxy client)
    {
        Mesh = mesh;
        App = app;
        Server = server;
        Client = client;
    }

    public TestMesh Mesh { get; }

    public EchoServer App { get; }

    public TestProxy Server { get; }

    public TestProxy Client { get; }

    /// <summary>Starts both; <paramref name="serverConfig"/> shapes the server's inbound (default: deny all).</summary>
    public static async Task<MeshPair> StartAsync(TestMesh mesh, Func<ConfigBuilder, ConfigBuilder>? serverConfig = null, Func<SmiProxy.Settings.SidecarProxyOptions, SmiProxy.Settings.SidecarProxyOptions>? serverOptions = null)
    {
        var app = await mesh.StartAppAsync("web");
        var server = await mesh.StartProxyAsync(ServerIdentity, ServerConfig(app, serverConfig), app, customize: serverOptions);
        var client = await mesh.StartProxyAsync(ClientIdentity, ClientConfig(server, app));
        return new MeshPair(mesh, app, server, client);
    }

    public static MeshProxyConfig ServerConfig(EchoServer app, Func<ConfigBuilder, ConfigBuilder>? customize = null)
    {
        var builder = new ConfigBuilder(ServerIdentity).Serves("web", 80, app.Port);
        return (customize?.Invoke(builder) ?? builder).Build();
    }

    public static MeshProxyConfig ClientConfig(TestProxy server, EchoServer app) =>
        new ConfigBuilder(ClientIdentity).PlainService("web", 80, server.EndpointFor(app)).Build();

    public Task ApplyServerAsync(Func<ConfigBuilder, ConfigBuilder> customize) => Server.ApplyAsync(ServerConfig(App, customize));
}
