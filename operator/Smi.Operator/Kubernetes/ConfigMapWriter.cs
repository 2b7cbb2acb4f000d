using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Core.Compilation;
using Smi.ProxyConfig;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Makes the proxy ConfigMaps in the cluster match a compile result: creates or replaces the
/// ConfigMap of every identity whose revision differs from what the cluster holds, and deletes the
/// ConfigMaps of identities that no longer exist. Unchanged identities cost no API call.
/// </summary>
internal sealed partial class ConfigMapWriter(IKubernetes client, ClusterState state, ILogger<ConfigMapWriter> logger)
{
    private const int MaxConflictRetries = 5;

    /// <summary>Writes what differs; returns the number of writes and deletes done.</summary>
    public async Task<(int Written, int Deleted, IReadOnlyList<(ProxyIdentity Identity, string Problem)> Problems)> ApplyAsync(CompileResult result, CancellationToken cancellationToken)
    {
        var existing = state.ConfigMaps.Items;
        var accounts = state.ServiceAccounts.Items;
        var desiredKeys = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<(ProxyIdentity, string)>();
        var written = 0;
        foreach (var (identity, config) in result.Configs)
        {
            var name = ProxyConfigMaps.NameFor(identity.ServiceAccount);
            var key = $"{identity.Namespace}/{name}";
            desiredKeys.Add(key);
            if (existing.TryGetValue(key, out var current) && ProxyConfigMaps.RevisionOf(current) == config.Revision)
            {
                continue;
            }

            var desired = ProxyConfigMaps.Build(config, accounts.GetValueOrDefault(identity.Key), out var tooLarge);
            if (desired is null)
            {
                LogTooLarge(logger, identity.Key, tooLarge!);
                problems.Add((identity, tooLarge!));
                continue;
            }

            if (await WriteAsync(desired, current, cancellationToken).ConfigureAwait(false))
            {
                written++;
                LogWritten(logger, identity.Key, config.Revision);
            }
        }

        var deleted = 0;
        foreach (var (key, stale) in existing)
        {
            if (desiredKeys.Contains(key) || stale.Metadata.Labels?.ContainsKey(ProxyConfigMaps.ProxyConfigLabel) != true)
            {
                continue;
            }

            try
            {
                await client.CoreV1.DeleteNamespacedConfigMapAsync(stale.Metadata.Name, stale.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
                deleted++;
                LogDeleted(logger, key);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Already gone: the goal is met.
            }
        }

        return (written, deleted, problems);
    }

    /// <summary>Creates or replaces; on a conflict re-reads and retries. False when the namespace is gone.</summary>
    private async Task<bool> WriteAsync(V1ConfigMap desired, V1ConfigMap? current, CancellationToken cancellationToken)
    {
        var ns = desired.Metadata.NamespaceProperty;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (current is null)
                {
                    await client.CoreV1.CreateNamespacedConfigMapAsync(desired, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    desired.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
                    await client.CoreV1.ReplaceNamespacedConfigMapAsync(desired, desired.Metadata.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                return true;
            }
            catch (HttpOperationException ex) when (attempt < MaxConflictRetries && ex.Response.StatusCode is HttpStatusCode.Conflict)
            {
                // Someone else wrote it (or our cache is stale): read the current one and retry.
                current = await ReadAsync(desired, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound && current is not null)
            {
                current = null;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                LogNamespaceGone(logger, ns);
                return false;
            }
        }
    }

    private async Task<V1ConfigMap?> ReadAsync(V1ConfigMap desired, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(desired.Metadata.Name, desired.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote proxy config of {Identity} at revision {Revision}")]
    private static partial void LogWritten(ILogger logger, string identity, string revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted proxy ConfigMap {Key}: its identity no longer exists")]
    private static partial void LogDeleted(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot store the proxy config of {Identity}: {Problem}")]
    private static partial void LogTooLarge(ILogger logger, string identity, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Namespace {Namespace} is gone; skipping its proxy ConfigMap")]
    private static partial void LogNamespaceGone(ILogger logger, string @namespace);
}
