using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>
/// A small app on its own loopback address: answers with its name and what it received
/// (<c>x-echo-name</c> header + JSON body). <c>/delay/{ms}</c> waits first; <c>/status/{code}</c>
/// answers with that status. Counts requests and distinct connections.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private int _requests;

    private EchoServer(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public IPEndPoint Endpoint { get; private set; } = null!;

    public int Port => Endpoint.Port;

    public int Requests => Volatile.Read(ref _requests);

    public int Connections => _connections.Count;

    public static async Task<EchoServer> StartAsync(string name, IPAddress? address = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        var listen = address ?? Loopback.Next();
        Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? options = null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(listen, 0, o => options = o));
        var app = builder.Build();
        var server = new EchoServer(name, app);
        app.Run(server.HandleAsync);
        await app.StartAsync().WithTimeout();
        server.Endpoint = options!.IPEndPoint!;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WithTimeout();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        _connections.TryAdd(context.Connection.Id, 0);
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/delay/", StringComparison.Ordinal))
        {
            await Task.Delay(int.Parse(path["/delay/".Length..], CultureInfo.InvariantCulture), context.RequestAborted);
        }

        if (path.StartsWith("/status/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = int.Parse(path["/status/".Length..], CultureInfo.InvariantCulture);
        }

        context.Response.Headers["x-echo-name"] = Name;
        context.Response.ContentType = "application/json";
        var body = new EchoReply(
            Name,
            context.Request.Method,
            path,
            context.Request.Host.Value ?? string.Empty,
            context.Request.Headers.Where(h => h.Key.StartsWith("x-", StringComparison.OrdinalIgnoreCase) || h.Key.StartsWith("traceparent", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal));
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, EchoReply.JsonOptions));
    }
}
