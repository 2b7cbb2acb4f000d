using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Smi.Certificates;
using Smi.ProxyConfig;

namespace Smi.Bench.Proxy;

/// <summary>
/// Everything the proxy benchmark runs on loopback: the Kestrel backend (1 KiB answer), our proxy
/// as a one-hop inbound (plaintext, permissive), nginx, haproxy and caddy as one-hop reverse
/// proxies with upstream keep-alive pools, and a client + server proxy pair for the full mesh path
/// (outbound -> mTLS -> inbound). Each proxy is its own process so its CPU and RSS can be read.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    private const string Ns = "bench";
    private static readonly IPAddress BackendIp = IPAddress.Parse("127.20.0.1");
    private readonly List<Process> _processes = [];
    private readonly string _dir;
    private WebApplication? _backend;

    private Fleet(string dir) => _dir = dir;

    public List<BenchPath> Paths { get; } = [];

    public string OneHopConfigDir => Path.Combine(_dir, "onehop", "config");

    public static async Task<Fleet> StartAsync(string proxyBinary)
    {
        var fleet = new Fleet(Path.Combine(Path.GetTempPath(), $"smi-bench-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(fleet._dir);
        try
        {
            await fleet.StartBackendAsync().ConfigureAwait(false);
            fleet.Paths.Add(new BenchPath("direct", "http://127.20.0.1:8080/", null, () => [Environment.ProcessId]));
            await fleet.StartOneHopAsync(proxyBinary).ConfigureAwait(false);
            await fleet.StartNginxAsync().ConfigureAwait(false);
            await fleet.StartHaproxyAsync().ConfigureAwait(false);
            await fleet.StartCaddyAsync().ConfigureAwait(false);
            await fleet.StartMeshAsync(proxyBinary).ConfigureAwait(false);
            return fleet;
        }
        catch
        {
            // Never leave proxies behind holding the benchmark's addresses.
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The one-hop proxy's config with a different revision (for reload-under-load): alternate load balancing.</summary>
    public static MeshProxyConfig OneHopConfig(bool alternate) => ProxyConfigSerializer.WithRevision(new MeshProxyConfig
    {
        Identity = new ProxyIdentity(Ns, "onehop"),
        Mesh = new MeshSettings(),
        Inbound = new InboundConfig
        {
            Permissive = true,
            Services = [new InboundService { Namespace = Ns, Name = "backend", Ports = [new ServicePortMapping(80, 8080, "http", AppProtocol.Http)] }],
        },
        Outbound = new OutboundConfig(),
        Defaults = ResilienceSettings.Default with { LoadBalancing = alternate ? LoadBalancingPolicy.RoundRobin : LoadBalancingPolicy.PowerOfTwoChoices },
    });

    public void WriteOneHopConfig(bool alternate) =>
        AtomicDirectoryWriter.Write(OneHopConfigDir, [new AtomicFile(ProxyConfigSerializer.FileName, ProxyConfigSerializer.Serialize(OneHopConfig(alternate)))]);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
            }

            process.Dispose();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartBackendAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(BackendIp, 8080));
        var app = builder.Build();
        var body = new byte[1024];
        Array.Fill(body, (byte)'x');
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync().ConfigureAwait(false);
        _backend = app;
    }

    private async Task StartOneHopAsync(string proxyBinary)
    {
        WriteOneHopConfig(alternate: false);
        var process = StartProxy(proxyBinary, "onehop", "127.20.0.2", OneHopConfigDir, certDir: "none");
        await WaitReadyAsync("http://127.20.0.2:15000/ready", process).ConfigureAwait(false);
        Paths.Add(new BenchPath("smi-proxy", "http://127.20.0.2:15006/", "backend.bench", () => [process.Id]));
    }

    private async Task StartMeshAsync(string proxyBinary)
    {
        using var ca = MeshCertificateAuthority.Create("cluster.local");
        var client = new ProxyIdentity(Ns, "client");
        var server = new ProxyIdentity(Ns, "server");
        var serverConfig = ProxyConfigSerializer.WithRevision(new MeshProxyConfig
        {
            Identity = server,
            Mesh = new MeshSettings(),
            Inbound = new InboundConfig
            {
                Services = [new InboundService { Namespace = Ns, Name = "backend", Ports = [new ServicePortMapping(80, 8080, "http", AppProtocol.Http)] }],
                Rules = [new AccessRule { Origin = "TrafficTarget bench/client-to-server", Sources = [client.Key] }],
            },
            Outbound = new OutboundConfig(),
        });
        var clientConfig = ProxyConfigSerializer.WithRevision(new MeshProxyConfig
        {
            Identity = client,
            Mesh = new MeshSettings(),
            Inbound = new InboundConfig(),
            Outbound = new OutboundConfig
            {
                Services = [new OutboundService
                {
                    Namespace = Ns,
                    Name = "backend",
                    Ports = [new OutboundPort { Port = 80, Routes = [new OutboundRoute { Name = "default", Backends = [new WeightedBackend(new ServiceKey("bench", "backend"), "bench/backend:80", 1)] }] }],
                }],
                Clusters = [new BackendCluster
                {
                    Id = "bench/backend:80",
                    Namespace = Ns,
                    Service = "backend",
                    Port = 80,
                    Endpoints = [new Smi.ProxyConfig.Endpoint { Address = "127.20.0.7", Port = 8080, Pod = "server-0", Identity = server.Key, InboundPort = 15006 }],
                }],
            },
        });

        var processes = new List<Process>();
        foreach (var (identity, config, address) in new[] { (server, serverConfig, "127.20.0.7"), (client, clientConfig, "127.20.0.6") })
        {
            var configDir = Path.Combine(_dir, identity.ServiceAccount, "config");
            var certDir = Path.Combine(_dir, identity.ServiceAccount, "certs");
            AtomicDirectoryWriter.Write(configDir, [new AtomicFile(ProxyConfigSerializer.FileName, ProxyConfigSerializer.Serialize(config))]);
            CertificateDirectoryWriter.Write(certDir, ca.Issue(identity), ca.CertificatePem);
            var process = StartProxy(proxyBinary, identity.ServiceAccount, address, configDir, certDir);
            await WaitReadyAsync($"http://{address}:15000/ready", process).ConfigureAwait(false);
            processes.Add(process);
        }

        Paths.Add(new BenchPath("mesh (2 proxies + mTLS)", "http://127.20.0.6:15001/", "backend.bench", () => [.. processes.Select(p => p.Id)]));
    }

    private Process StartProxy(string binary, string name, string address, string configDir, string certDir)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = false, RedirectStandardError = false };
        foreach (var arg in new[]
        {
            "--config-dir", configDir, "--cert-dir", certDir,
            "--outbound", $"{address}:15001", "--inbound", $"{address}:15006", "--admin", $"{address}:15000",
            "--app-address", BackendIp.ToString(), "--pod-name", $"{name}-0", "--log-level", "Warning",
        })
        {
            start.ArgumentList.Add(arg);
        }

        return Track(Process.Start(start)!);
    }

    private async Task StartNginxAsync()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "nginx")).FullName;
        var conf = Path.Combine(dir, "nginx.conf");
        // Fair: one worker per core like our thread pool, upstream keep-alive pool sized for 256
        // client connections, no access log (ours logs nothing per request either).
        await File.WriteAllTextAsync(conf, $$"""
            worker_processes auto;
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              # nginx closes a client connection after 1000 requests by default; h2load does not
              # reopen closed connections, which starved nginx's fixed-rate runs.
              keepalive_requests 1000000;
              client_body_temp_path {{dir}}/body;
              proxy_temp_path {{dir}}/proxy;
              fastcgi_temp_path {{dir}}/fastcgi;
              uwsgi_temp_path {{dir}}/uwsgi;
              scgi_temp_path {{dir}}/scgi;
              upstream backend { server 127.20.0.1:8080; keepalive 512; }
              server {
                listen 127.20.0.3:8080 reuseport;
                location / {
                  proxy_pass http://backend;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_buffering on;
                }
              }
            }
            """).ConfigureAwait(false);
        var process = Track(Process.Start(new ProcessStartInfo(Tools.Require("nginx")) { ArgumentList = { "-p", dir, "-c", conf, "-e", Path.Combine(dir, "error.log") } })!);
        await WaitListeningAsync("127.20.0.3", 8080, process).ConfigureAwait(false);
        Paths.Add(new BenchPath("nginx", "http://127.20.0.3:8080/", null, () => ProcStats.Tree(process.Id)));
    }

    private async Task StartHaproxyAsync()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "haproxy")).FullName;
        var conf = Path.Combine(dir, "haproxy.cfg");
        await File.WriteAllTextAsync(conf, $"""
            global
              maxconn 4096
              nbthread {Environment.ProcessorCount}
            defaults
              mode http
              timeout connect 5s
              timeout client 30s
              timeout server 30s
              http-reuse always
            frontend bench
              bind 127.20.0.4:8080
              default_backend backend
            backend backend
              server s1 127.20.0.1:8080 maxconn 512

            """).ConfigureAwait(false);
        var process = Track(Process.Start(new ProcessStartInfo(Tools.Require("haproxy")) { ArgumentList = { "-db", "-f", conf } })!);
        await WaitListeningAsync("127.20.0.4", 8080, process).ConfigureAwait(false);
        Paths.Add(new BenchPath("haproxy", "http://127.20.0.4:8080/", null, () => ProcStats.Tree(process.Id)));
    }

    private async Task StartCaddyAsync()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "caddy")).FullName;
        var conf = Path.Combine(dir, "Caddyfile");
        await File.WriteAllTextAsync(conf, """
            {
              admin off
              auto_https off
              log default {
                level ERROR
              }
            }
            http://127.20.0.5:8080 {
              bind 127.20.0.5
              reverse_proxy 127.20.0.1:8080 {
                transport http {
                  keepalive 90s
                  keepalive_idle_conns 512
                  keepalive_idle_conns_per_host 512
                }
              }
            }
            """).ConfigureAwait(false);
        var start = new ProcessStartInfo(Tools.Require("caddy")) { ArgumentList = { "run", "--config", conf, "--adapter", "caddyfile" }, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["XDG_DATA_HOME"] = dir;
        start.Environment["XDG_CONFIG_HOME"] = dir;
        start.Environment["HOME"] = dir;
        var process = Track(Process.Start(start)!);
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await WaitListeningAsync("127.20.0.5", 8080, process).ConfigureAwait(false);
        Paths.Add(new BenchPath("caddy", "http://127.20.0.5:8080/", null, () => ProcStats.Tree(process.Id)));
    }

    private Process Track(Process process)
    {
        _processes.Add(process);
        return process;
    }

    private static async Task WaitReadyAsync(string url, Process process)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} before {url} was ready");
            }

            try
            {
                using var response = await client.GetAsync(url).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"{url} not ready after 30 s");
    }

    private static async Task WaitListeningAsync(string address, int port, Process process)
    {
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode}; is {address}:{port} taken?");
            }

            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Parse(address), port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"{process.StartInfo.FileName} not listening on {address}:{port} after 30 s");
    }
}
