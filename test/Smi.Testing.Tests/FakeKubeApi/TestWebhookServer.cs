using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>
/// A webhook server for tests: HTTPS on loopback with a fresh self-signed certificate (its PEM is
/// the caBundle), answering each POSTed review with what the handler returns.
/// </summary>
internal sealed class TestWebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestWebhookServer(WebApplication app, string caBundle, Uri url)
    {
        _app = app;
        CaBundle = caBundle;
        Url = url;
    }

    public string CaBundle { get; }

    public Uri Url { get; }

    /// <summary>Every review received, by path.</summary>
    public ConcurrentQueue<(string Path, JsonObject Review)> Received { get; } = new();

    public static async Task<TestWebhookServer> StartAsync(Func<string, JsonObject, JsonObject> handler, CancellationToken cancellationToken)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        TestWebhookServer? server = null;
        app.Run(async context =>
        {
            var review = (await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted))!;
            server!.Received.Enqueue((context.Request.Path.Value!, review));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(handler(context.Request.Path.Value!, review).ToJsonString(), context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var pem = certificate.ExportCertificatePem();
        server = new TestWebhookServer(app, Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)), new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    /// <summary>An AdmissionReview answer for <paramref name="review"/>.</summary>
    public static JsonObject Admission(JsonObject review, bool allowed, string? message = null, JsonArray? patch = null)
    {
        var response = new JsonObject { ["uid"] = review["request"]!["uid"]!.GetValue<string>(), ["allowed"] = allowed };
        if (message is not null)
        {
            response["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = message };
        }

        if (patch is not null)
        {
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.ToJsonString()));
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=fake-webhook", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
