using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Smi.Operator.Tests.Operator;

/// <summary>
/// The TrafficMetrics API through the operator's real HTTPS listener: answered to the API server's
/// front proxy (a client certificate from the request-header CA the fake API server publishes in
/// kube-system/extension-apiserver-authentication), refused with a reason to anyone else.
/// </summary>
public sealed class TrafficMetricsApiEndToEndTests
{
    private const string Discovery = "/apis/metrics.smi-spec.io/v1alpha1";

    [Fact]
    public async Task Discovery_FrontProxyCertificate_Answered_OthersRefused401()
    {
        await using var fixture = await OperatorFixture.StartAsync(webhooks: false);
        using var ca = Ca();
        using var frontProxy = Leaf(ca, "front-proxy-client");
        using var mallory = Leaf(ca, "mallory");
        var configMap = $$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: kube-system}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: extension-apiserver-authentication, namespace: kube-system}
            data:
              requestheader-allowed-names: '["front-proxy-client"]'
              requestheader-client-ca-file: |
            {{string.Join('\n', ca.ExportCertificatePem().Split('\n').Select(l => "    " + l))}}
            """;
        await fixture.KubectlOk($"apply -f {fixture.Kubectl.WriteFile("auth.yaml", configMap)}");
        await fixture.StartOperatorAsync();
        var url = new Uri($"https://localhost:{fixture.WebhookPort}{Discovery}");

        var answered = await fixture.Eventually(async () => await GetAsync(url, frontProxy) is { Status: HttpStatusCode.OK } ok ? ok : null, "the front proxy's discovery request answered");
        Assert.Equal("APIResourceList", (string?)answered.Body["kind"]);

        var anonymous = await GetAsync(url, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Contains("no client certificate", (string?)anonymous.Body["message"], StringComparison.Ordinal);

        var wrongName = await GetAsync(url, mallory);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongName.Status);
        Assert.Contains("\"mallory\" is not in requestheader-allowed-names", (string?)wrongName.Body["message"], StringComparison.Ordinal);
    }

    private static async Task<Reply> GetAsync(Uri url, X509Certificate2? clientCertificate)
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true; // the operator's own CA; trust is not under test here
        if (clientCertificate is not null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!);
    }

    private sealed record Reply(HttpStatusCode Status, JsonNode Body);

    private static X509Certificate2 Ca()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=front-proxy-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), [5, 6, 7, 8]);

        // Exported and re-imported so SslStream can use the key on every platform.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
