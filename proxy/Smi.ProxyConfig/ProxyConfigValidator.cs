using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;

namespace Smi.ProxyConfig;

/// <summary>
/// The contract's own validation: everything a proxy checks before it swaps a new document in.
/// The compiler's output must always pass it (a property test holds it to that); a document that
/// fails is rejected and the last good one keeps serving.
/// </summary>
public static class ProxyConfigValidator
{
    private static readonly ImmutableHashSet<string> KnownMethods =
        ImmutableHashSet.Create(StringComparer.Ordinal, "GET", "HEAD", "PUT", "POST", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /// <summary>Returns every problem found as "field.path: message"; empty means valid.</summary>
    public static IReadOnlyList<string> Validate(MeshProxyConfig config)
    {
        var errors = new List<string>();
        if (config.SchemaVersion != MeshProxyConfig.CurrentSchemaVersion)
        {
            errors.Add($"schemaVersion: {config.SchemaVersion} is not supported; this proxy reads schema version {MeshProxyConfig.CurrentSchemaVersion}");
        }

        if (config.Revision.Length > 0 && config.Revision != ProxyConfigSerializer.ComputeRevision(config))
        {
            errors.Add($"revision: {config.Revision} does not match the document's content (corrupted or edited by hand)");
        }

        RequireName(errors, "identity.namespace", config.Identity.Namespace);
        RequireName(errors, "identity.serviceAccount", config.Identity.ServiceAccount);
        RequireName(errors, "mesh.trustDomain", config.Mesh.TrustDomain);
        RequireName(errors, "mesh.clusterDomain", config.Mesh.ClusterDomain);
        if (config.Mesh.OutboundTrafficPolicy is { } outboundPolicy && outboundPolicy is not (OutboundTrafficPolicies.AllowAny or OutboundTrafficPolicies.RegistryOnly))
        {
            errors.Add($"mesh.outboundTrafficPolicy: \"{outboundPolicy}\" is not {OutboundTrafficPolicies.AllowAny} or {OutboundTrafficPolicies.RegistryOnly}");
        }
        ValidateResilience(errors, "defaults", config.Defaults, requireAll: true);
        ValidateInbound(errors, config.Inbound);
        ValidateOutbound(errors, config.Outbound);
        return errors;
    }

    private static void ValidateInbound(List<string> errors, InboundConfig inbound)
    {
        var rateLimitIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inbound.Services.Length; i++)
        {
            var service = inbound.Services[i];
            var path = $"inbound.services[{i}]";
            RequireName(errors, path + ".namespace", service.Namespace);
            RequireName(errors, path + ".name", service.Name);
            for (var p = 0; p < service.Ports.Length; p++)
            {
                var port = service.Ports[p];
                RequirePort(errors, $"{path}.ports[{p}].port", port.Port);
                RequirePort(errors, $"{path}.ports[{p}].targetPort", port.TargetPort);
                RequireProtocol(errors, $"{path}.ports[{p}].protocol", port.Protocol);
            }

            ValidateInboundPolicies(errors, path + ".policies", service.Policies, rateLimitIds);
        }

        for (var i = 0; i < inbound.Rules.Length; i++)
        {
            var rule = inbound.Rules[i];
            var path = $"inbound.rules[{i}]";
            RequireName(errors, path + ".origin", rule.Origin);
            if (rule.Sources.IsDefaultOrEmpty)
            {
                errors.Add($"{path}.sources: a rule needs at least one source identity");
            }
            else
            {
                for (var s = 0; s < rule.Sources.Length; s++)
                {
                    if (!ProxyIdentity.TryParse(rule.Sources[s], out _))
                    {
                        errors.Add($"{path}.sources[{s}]: \"{rule.Sources[s]}\" is not a \"namespace/serviceaccount\" identity");
                    }
                }
            }

            for (var p = 0; p < rule.Ports.Length; p++)
            {
                RequirePort(errors, $"{path}.ports[{p}]", rule.Ports[p]);
            }

            for (var p = 0; p < rule.UdpPorts.Length; p++)
            {
                RequirePort(errors, $"{path}.udpPorts[{p}]", rule.UdpPorts[p]);
            }

            ValidateMatches(errors, path + ".httpMatches", rule.HttpMatches);
        }
    }

    private static void ValidateOutbound(List<string> errors, OutboundConfig outbound)
    {
        var clusterIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < outbound.Clusters.Length; i++)
        {
            var cluster = outbound.Clusters[i];
            var path = $"outbound.clusters[{i}]";
            if (!clusterIds.Add(cluster.Id))
            {
                errors.Add($"{path}.id: duplicate cluster id \"{cluster.Id}\"");
            }

            RequirePort(errors, path + ".port", cluster.Port);
            if (cluster.Resilience is { } clusterResilience)
            {
                ValidateResilience(errors, path + ".resilience", clusterResilience, requireAll: false);
            }

            for (var e = 0; e < cluster.Endpoints.Length; e++)
            {
                var endpoint = cluster.Endpoints[e];
                var endpointPath = $"{path}.endpoints[{e}]";
                if (!IPAddress.TryParse(endpoint.Address, out _))
                {
                    errors.Add($"{endpointPath}.address: \"{endpoint.Address}\" is not an IP address");
                }

                RequirePort(errors, endpointPath + ".port", endpoint.Port);
                if (endpoint.InboundPort is { } inboundPort)
                {
                    RequirePort(errors, endpointPath + ".inboundPort", inboundPort);
                    if (!ProxyIdentity.TryParse(endpoint.Identity, out _))
                    {
                        errors.Add($"{endpointPath}.identity: a meshed endpoint needs a \"namespace/serviceaccount\" identity");
                    }
                }
            }
        }

        var serviceKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < outbound.Services.Length; i++)
        {
            var service = outbound.Services[i];
            var path = $"outbound.services[{i}]";
            RequireName(errors, path + ".namespace", service.Namespace);
            RequireName(errors, path + ".name", service.Name);
            if (!serviceKeys.Add($"{service.Namespace}/{service.Name}"))
            {
                errors.Add($"{path}: duplicate service {service.Namespace}/{service.Name}");
            }

            if (service.ClusterIp is { } ip && !IPAddress.TryParse(ip, out _))
            {
                errors.Add($"{path}.clusterIp: \"{ip}\" is not an IP address");
            }

            for (var c = 0; c < (service.ClusterIps.IsDefault ? 0 : service.ClusterIps.Length); c++)
            {
                if (!IPAddress.TryParse(service.ClusterIps[c], out _))
                {
                    errors.Add($"{path}.clusterIps[{c}]: \"{service.ClusterIps[c]}\" is not an IP address");
                }
            }

            var ports = new HashSet<int>();
            for (var p = 0; p < service.Ports.Length; p++)
            {
                var port = service.Ports[p];
                var portPath = $"{path}.ports[{p}]";
                RequirePort(errors, portPath + ".port", port.Port);
                if (!ports.Add(port.Port))
                {
                    errors.Add($"{portPath}.port: duplicate port {port.Port}");
                }

                RequireProtocol(errors, portPath + ".protocol", port.Protocol);
                ValidateRoutes(errors, portPath, port.Routes, clusterIds);
                ValidateOutboundPolicies(errors, portPath + ".policies", port.Policies, clusterIds);
            }
        }
    }

    private static void ValidateRoutes(List<string> errors, string portPath, ImmutableArray<OutboundRoute> routes, HashSet<string> clusterIds)
    {
        if (routes.IsDefaultOrEmpty)
        {
            errors.Add($"{portPath}.routes: a port needs at least one route");
            return;
        }

        if (!routes[^1].Matches.IsDefaultOrEmpty)
        {
            errors.Add($"{portPath}.routes[{routes.Length - 1}]: the last route must match every request (no matches), so no request is left without a route");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < routes.Length; r++)
        {
            var route = routes[r];
            var path = $"{portPath}.routes[{r}]";
            RequireName(errors, path + ".name", route.Name);
            if (!names.Add(route.Name))
            {
                errors.Add($"{path}.name: duplicate route name \"{route.Name}\"");
            }

            ValidateMatches(errors, path + ".matches", route.Matches);
            if (route.Backends.IsDefaultOrEmpty)
            {
                errors.Add($"{path}.backends: a route needs at least one backend");
            }
            else
            {
                for (var b = 0; b < route.Backends.Length; b++)
                {
                    var backend = route.Backends[b];
                    if (backend.Weight <= 0)
                    {
                        errors.Add($"{path}.backends[{b}].weight: {backend.Weight} must be positive (zero-weight backends are left out)");
                    }

                    if (!clusterIds.Contains(backend.Cluster))
                    {
                        errors.Add($"{path}.backends[{b}].cluster: no cluster \"{backend.Cluster}\" in outbound.clusters");
                    }
                }
            }

            if (route.Resilience is { } resilience)
            {
                ValidateResilience(errors, path + ".resilience", resilience, requireAll: false);
            }
        }
    }

    private static void ValidateOutboundPolicies(List<string> errors, string path, ImmutableArray<OutboundPolicy> policies, HashSet<string> clusterIds)
    {
        for (var i = 0; i < policies.Length; i++)
        {
            var policy = policies[i];
            var policyPath = $"{path}[{i}]";
            if (policy.Origins.IsDefaultOrEmpty)
            {
                errors.Add($"{policyPath}.origins: name at least one TrafficPolicy");
            }

            ValidateMatches(errors, policyPath + ".matches", policy.Matches);
            if (policy.Mirror is { } mirror)
            {
                RequirePercent(errors, policyPath + ".mirror.percent", mirror.Percent);
                if (!clusterIds.Contains(mirror.Cluster))
                {
                    errors.Add($"{policyPath}.mirror.cluster: no cluster \"{mirror.Cluster}\" in outbound.clusters");
                }

                if (mirror.MaxConcurrent <= 0)
                {
                    errors.Add($"{policyPath}.mirror.maxConcurrent: {mirror.MaxConcurrent} must be positive");
                }
            }

            if (policy.Fault?.Delay is { } delay)
            {
                RequirePercent(errors, policyPath + ".fault.delay.percent", delay.Percent);
                if (delay.DelayMs <= 0)
                {
                    errors.Add($"{policyPath}.fault.delay.delayMs: {delay.DelayMs} must be positive");
                }
            }

            if (policy.Fault?.Abort is { } abort)
            {
                RequirePercent(errors, policyPath + ".fault.abort.percent", abort.Percent);
                if (abort.StatusCode is < 200 or > 599)
                {
                    errors.Add($"{policyPath}.fault.abort.statusCode: {abort.StatusCode} must be an HTTP status between 200 and 599");
                }
            }

            if (policy.Resilience is { } resilience)
            {
                ValidateResilience(errors, policyPath + ".resilience", resilience, requireAll: false);
            }

            if (policy.RetryBudgetPercent is < 1 or > 100)
            {
                errors.Add($"{policyPath}.retryBudgetPercent: {policy.RetryBudgetPercent} must be between 1 and 100");
            }
        }
    }

    private static void ValidateInboundPolicies(List<string> errors, string path, ImmutableArray<InboundPolicy> policies, HashSet<string> rateLimitIds)
    {
        for (var i = 0; i < policies.Length; i++)
        {
            var policy = policies[i];
            var policyPath = $"{path}[{i}]";
            if (policy.Origins.IsDefaultOrEmpty)
            {
                errors.Add($"{policyPath}.origins: name at least one TrafficPolicy");
            }

            if (policy.Port is { } port)
            {
                RequirePort(errors, policyPath + ".port", port);
            }

            ValidateMatches(errors, policyPath + ".matches", policy.Matches);
            for (var r = 0; r < policy.RateLimits.Length; r++)
            {
                var limit = policy.RateLimits[r];
                var limitPath = $"{policyPath}.rateLimits[{r}]";
                RequireName(errors, limitPath + ".id", limit.Id);
                if (!string.IsNullOrEmpty(limit.Id) && !rateLimitIds.Add(limit.Id))
                {
                    errors.Add($"{limitPath}.id: duplicate rate limit id \"{limit.Id}\"");
                }

                for (var s = 0; s < limit.Sources.Length; s++)
                {
                    if (!ProxyIdentity.TryParse(limit.Sources[s], out _))
                    {
                        errors.Add($"{limitPath}.sources[{s}]: \"{limit.Sources[s]}\" is not a \"namespace/serviceaccount\" identity");
                    }
                }

                if (limit.Requests <= 0)
                {
                    errors.Add($"{limitPath}.requests: {limit.Requests} must be positive");
                }

                if (limit.PeriodMs <= 0)
                {
                    errors.Add($"{limitPath}.periodMs: {limit.PeriodMs} must be positive");
                }

                if (limit.Burst <= 0)
                {
                    errors.Add($"{limitPath}.burst: {limit.Burst} must be positive");
                }
            }
        }
    }

    private static void RequirePercent(List<string> errors, string path, double percent)
    {
        if (!(percent > 0 && percent <= 100))
        {
            errors.Add($"{path}: {percent} must be more than 0 and at most 100");
        }
    }

    private static void ValidateMatches(List<string> errors, string path, ImmutableArray<HttpRouteMatch> matches)
    {
        for (var m = 0; m < matches.Length; m++)
        {
            var match = matches[m];
            var matchPath = $"{path}[{m}]";
            if (match.PathRegex is { } pathRegex)
            {
                RequireRegex(errors, matchPath + ".pathRegex", pathRegex);
            }

            for (var i = 0; i < match.Methods.Length; i++)
            {
                if (!KnownMethods.Contains(match.Methods[i]))
                {
                    errors.Add($"{matchPath}.methods[{i}]: \"{match.Methods[i]}\" is not an HTTP method this proxy routes ({string.Join(", ", KnownMethods.Order(StringComparer.Ordinal))})");
                }
            }

            for (var h = 0; h < match.Headers.Length; h++)
            {
                RequireName(errors, $"{matchPath}.headers[{h}].name", match.Headers[h].Name);
                RequireRegex(errors, $"{matchPath}.headers[{h}].valueRegex", match.Headers[h].ValueRegex);
            }
        }
    }

    private static void ValidateResilience(List<string> errors, string path, ResilienceSettings settings, bool requireAll)
    {
        RequirePositive(errors, path + ".requestTimeoutMs", settings.RequestTimeoutMs, requireAll);
        RequirePositive(errors, path + ".connectTimeoutMs", settings.ConnectTimeoutMs, requireAll);
        RequirePositive(errors, path + ".outlierConsecutiveFailures", settings.OutlierConsecutiveFailures, requireAll);
        RequirePositive(errors, path + ".outlierEjectionMs", settings.OutlierEjectionMs, requireAll);
        if (settings.RetryAttempts is < 0 or > 10 || (requireAll && settings.RetryAttempts is null))
        {
            errors.Add($"{path}.retryAttempts: must be between 0 and 10");
        }

        if (settings.LoadBalancing is { } policy ? !LoadBalancingPolicy.All.Contains(policy) : requireAll)
        {
            errors.Add($"{path}.loadBalancing: \"{settings.LoadBalancing}\" is not one of {string.Join(", ", LoadBalancingPolicy.All.Order(StringComparer.Ordinal))}");
        }
    }

    private static void RequirePositive(List<string> errors, string path, int? value, bool required)
    {
        if (value is <= 0 || (required && value is null))
        {
            errors.Add($"{path}: must be a positive number");
        }
    }

    private static void RequireName(List<string> errors, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path}: must not be empty");
        }
    }

    private static void RequirePort(List<string> errors, string path, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{path}: {port} is not a port (1-65535)");
        }
    }

    private static void RequireProtocol(List<string> errors, string path, string protocol)
    {
        if (protocol is not (AppProtocol.Http or AppProtocol.Tcp))
        {
            errors.Add($"{path}: \"{protocol}\" is not \"{AppProtocol.Http}\" or \"{AppProtocol.Tcp}\"");
        }
    }

    private static void RequireRegex(List<string> errors, string path, string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            errors.Add($"{path}: \"{pattern}\" is not a usable regex: {ex.Message}");
        }
    }
}
