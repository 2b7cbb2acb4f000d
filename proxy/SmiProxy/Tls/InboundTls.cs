using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using SmiProxy.Configuration;
using SmiProxy.Identity;
using SmiProxy.Settings;

namespace SmiProxy.Tls;

/// <summary>
/// The inbound listener speaks mTLS and, when the config is permissive, plaintext on the same port.
/// A connection middleware peeks at the first byte without consuming it: 0x16 (a TLS handshake
/// record) goes through Kestrel's own HTTPS middleware, anything else skips straight to the HTTP
/// handler behind it. The TLS options are built per connection from the current certificate and
/// config, so rotations and permissive switches apply to the next connection.
/// </summary>
internal static class InboundTls
{
    private const byte TlsHandshakeRecord = 0x16;
    private static readonly TimeSpan FirstByteTimeout = TimeSpan.FromSeconds(10);

    public static void Configure(ListenOptions listen, ProxyState state)
    {
        var plaintext = new PlaintextBranch();
        listen.Use(next => connection => DispatchAsync(connection, next, plaintext));
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = _ => ValueTask.FromResult(ServerOptions(state)),
            HandshakeTimeout = TimeSpan.FromSeconds(10),
        });

        // Added after UseHttps, so it is built first and receives the HTTP handler that follows TLS;
        // plaintext connections jump straight to it.
        listen.Use(next =>
        {
            plaintext.Next = next;
            return next;
        });
    }

    private static async Task DispatchAsync(ConnectionContext connection, ConnectionDelegate tls, PlaintextBranch plaintext)
    {
        connection.Features.Set(ListenerFeature.Inbound);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(FirstByteTimeout);
        var input = connection.Transport.Input;
        System.IO.Pipelines.ReadResult result;
        try
        {
            result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (result.Buffer.IsEmpty)
        {
            input.AdvanceTo(result.Buffer.Start);
            return;
        }

        var first = result.Buffer.FirstSpan[0];

        // Nothing consumed or examined: the next reader gets the same bytes.
        input.AdvanceTo(result.Buffer.Start);
        var isTls = first == TlsHandshakeRecord;
        connection.Features.Set(new PeerIdentityFeature(isTls));
        await (isTls ? tls(connection) : plaintext.Next!(connection)).ConfigureAwait(false);
    }

    private static SslServerAuthenticationOptions ServerOptions(ProxyState state)
    {
        var bundle = state.Certificate ?? throw new AuthenticationException("no proxy certificate is loaded yet");
        var active = state.Active ?? throw new AuthenticationException("no config is loaded yet");
        var permissive = active.Access.Permissive;
        var trustDomain = active.TrustDomain;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = bundle.Context,
            ClientCertificateRequired = true,
            CertificateChainPolicy = MeshTrust.CreatePolicy(MeshTrust.Roots(bundle, active.ExtraTrustAnchors), MeshTrust.ClientAuthOid),
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is null ? permissive : MeshTrust.TryVerifyPeer(certificate, errors, trustDomain, out _, out _),
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            AllowTlsResume = false,
            AllowRenegotiation = false,
        };
    }

    private sealed class PlaintextBranch
    {
        public ConnectionDelegate? Next { get; set; }
    }
}
