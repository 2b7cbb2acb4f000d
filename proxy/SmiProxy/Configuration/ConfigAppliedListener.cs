using System.Runtime.CompilerServices;
using SmiProxy.Clusters;
using SmiProxy.Telemetry;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace SmiProxy.Configuration;

/// <summary>
/// Switches the request path to a config only once YARP has applied it: at that point every
/// cluster it names exists, so each backend and app port is bound to its runtime cluster before the
/// config is published. Requests never see a config whose clusters YARP does not have yet, and
/// requests still holding the previous config keep their (still working) cluster objects.
/// </summary>
internal sealed class ConfigAppliedListener : IConfigChangeListener
{
    /// <summary>
    /// The DI key of the outbound routes' transformer: resolved by key so that configuration does
    /// not depend on the request pipeline that implements it.
    /// </summary>
    public const string OutboundTransformerKey = "smi/outbound";

    private static readonly RouteConfig OutboundRouteConfig = new() { RouteId = "smi/outbound" };
    private static readonly RouteConfig InboundRouteConfig = new() { RouteId = "smi/inbound" };

    private readonly IServiceProvider _services;
    private readonly ProxyState _state;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger<ConfigAppliedListener> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConditionalWeakTable<ClusterState, ClusterBinding> _bindings = [];
    private IProxyStateLookup? _lookup;

    public ConfigAppliedListener(IServiceProvider services, ProxyState state, ProxyMetrics metrics, ILogger<ConfigAppliedListener> logger, TimeProvider timeProvider)
    {
        _services = services;
        _state = state;
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
        // The provider only ever hands out prebuilt snapshots; GetConfig cannot fail.
    }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
        foreach (var config in proxyConfigs)
        {
            if (config is MeshYarpConfig { Compiled: { } compiled })
            {
                _logger.ConfigApplyFailed(compiled.Revision, exception);
                _metrics.ConfigReload(success: false);
            }
        }
    }

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        foreach (var config in proxyConfigs)
        {
            if (config is MeshYarpConfig { Compiled: { } compiled } && !ReferenceEquals(compiled, _state.Active))
            {
                Publish(compiled);
            }
        }
    }

    private void Publish(CompiledConfig compiled)
    {
        // Resolved here, not in the constructor: YARP's config manager (the lookup) depends on this listener.
        _lookup ??= _services.GetRequiredService<IProxyStateLookup>();
        var outbound = _services.GetRequiredKeyedService<HttpTransformer>(OutboundTransformerKey);
        var inbound = InboundTransformer.Instance;
        foreach (var backend in compiled.Outbound.Backends)
        {
            if (!TryBind(backend.ClusterId, OutboundRouteConfig, outbound, out var binding))
            {
                return;
            }

            backend.Bind(binding);
        }

        foreach (var app in compiled.AppPorts.Values)
        {
            if (!TryBind(app.ClusterId, InboundRouteConfig, inbound, out var binding))
            {
                return;
            }

            app.Bind(binding);
        }

        compiled.AppliedAt = _timeProvider.GetUtcNow();
        _state.Publish(compiled);
        _metrics.ConfigReload(success: true);
        _logger.ConfigApplied(compiled.Revision, compiled.Document.Identity.Key, compiled.SourcePath);
    }

    private bool TryBind(string clusterId, RouteConfig routeConfig, HttpTransformer transformer, out ClusterBinding binding)
    {
        if (!_lookup!.TryGetCluster(clusterId, out var cluster))
        {
            _logger.ConfigApplyFailed(clusterId, new InvalidOperationException($"YARP reported the config applied but has no cluster '{clusterId}'."));
            _metrics.ConfigReload(success: false);
            binding = null!;
            return false;
        }

        binding = _bindings.GetValue(cluster, c => new ClusterBinding(c, new RouteModel(routeConfig, c, transformer)));
        return true;
    }
}
