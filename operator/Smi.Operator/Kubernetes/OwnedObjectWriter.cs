using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// The one writer of the objects the operator owns (proxy ConfigMaps and Secrets, SMI status, and
/// Events), with one policy for all of them:
/// <list type="bullet">
/// <item>ConfigMaps, Secrets and status go through server-side apply with the fixed field manager
/// <see cref="OwnedObjects.FieldManager"/> and <c>force</c>: the applied configuration is the whole
/// desired object, so it creates what is missing and — since the operator owns every field it sets —
/// removes what it set before and no longer sets. No resourceVersion is sent, so there is nothing to
/// go stale; a 409 (the server lost a race of its own) is simply sent again.</item>
/// <item>Events are created (each is a new record); a 409 on the generated name is sent again.
/// They are best effort (status carries the truth): a 403 (namespace terminating, events
/// forbidden) skips the Event.</item>
/// <item>Deletes carry the uid the cache saw as a precondition; a 409 there means the name now
/// belongs to a new object, which the next reconcile judges.</item>
/// <item>404 means the object or its namespace is gone: the goal is moot, not a failure.</item>
/// <item>422 means the API server rejects what the operator built: that object is reported, the
/// others are still written. On a status write a 422 can name the object's own fields instead
/// (<see cref="WriteOutcomeKind.ObjectInvalid"/>): the object cannot carry a status until it is fixed.</item>
/// <item>Anything else throws: the reconcile backs off and runs again.</item>
/// </list>
/// </summary>
internal sealed class OwnedObjectWriter(IKubernetes client)
{
    private const int MaxConflictRetries = 5;

    public Task<WriteOutcome> ApplyAsync(V1ConfigMap configMap, CancellationToken cancellationToken) =>
        SendAsync(() => client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(configMap, V1Patch.PatchType.ApplyPatch), configMap.Metadata.Name, configMap.Metadata.NamespaceProperty,
            fieldManager: OwnedObjects.FieldManager, force: true, cancellationToken: cancellationToken));

    public Task<WriteOutcome> ApplyAsync(V1Secret secret, CancellationToken cancellationToken) =>
        SendAsync(() => client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch(secret, V1Patch.PatchType.ApplyPatch), secret.Metadata.Name, secret.Metadata.NamespaceProperty,
            fieldManager: OwnedObjects.FieldManager, force: true, cancellationToken: cancellationToken));

    public async Task<WriteOutcome> ApplyAsync(StatusApply status, CancellationToken cancellationToken)
    {
        var outcome = await SendAsync(() => client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(status.Body.ToJsonString(), V1Patch.PatchType.ApplyPatch), status.Group, status.Version, status.Object.Namespace, status.Plural, status.Object.Name,
            fieldManager: OwnedObjects.FieldManager, force: true, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return outcome.Kind == WriteOutcomeKind.Rejected && FaultsOutsideStatus(outcome.Problem)
            ? WriteOutcome.ObjectInvalid(outcome.Problem)
            : outcome;
    }

    public Task<WriteOutcome> CreateAsync(Corev1Event @event, CancellationToken cancellationToken) =>
        SendAsync(() => client.CoreV1.CreateNamespacedEventAsync(@event, @event.Metadata.NamespaceProperty, fieldManager: OwnedObjects.FieldManager, cancellationToken: cancellationToken), Verb.CreateEvent);

    public Task<WriteOutcome> DeleteConfigMapAsync(V1ConfigMap stale, CancellationToken cancellationToken) =>
        SendAsync(() => client.CoreV1.DeleteNamespacedConfigMapAsync(stale.Metadata.Name, stale.Metadata.NamespaceProperty, body: Precondition(stale), cancellationToken: cancellationToken), Verb.Delete);

    public Task<WriteOutcome> DeleteSecretAsync(V1Secret stale, CancellationToken cancellationToken) =>
        SendAsync(() => client.CoreV1.DeleteNamespacedSecretAsync(stale.Metadata.Name, stale.Metadata.NamespaceProperty, body: Precondition(stale), cancellationToken: cancellationToken), Verb.Delete);

    /// <summary>
    /// True when a 422 on a status write names a field outside <c>status</c>: the API server validates
    /// the whole object on a status write, so the object itself fails its schema (stored before the
    /// schema, or without validation ratcheting) — not the operator's status. Without causes it is
    /// taken as the operator's fault, the stricter reading.
    /// </summary>
    private static bool FaultsOutsideStatus(string? problem)
    {
        try
        {
            var causes = problem is null ? null : KubernetesJson.Deserialize<V1Status>(problem)?.Details?.Causes;
            return causes?.Any(c => c.Field is { } field && field != "status" && !field.StartsWith("status.", StringComparison.Ordinal)) == true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Deletes only the object the cache saw: one recreated under the same name since is left for the next reconcile.</summary>
    private static V1DeleteOptions? Precondition(IKubernetesObject<V1ObjectMeta> stale) =>
        stale.Metadata.Uid is { } uid ? new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } } : null;

    private static async Task<WriteOutcome> SendAsync(Func<Task> write, Verb verb = Verb.Apply)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await write().ConfigureAwait(false);
                return WriteOutcome.Written;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict && verb == Verb.Delete)
            {
                return WriteOutcome.Gone;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict && attempt < MaxConflictRetries)
            {
                // Nothing to re-read: the request carries no resourceVersion, so sending it again is the retry.
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound
                || (ex.Response.StatusCode == HttpStatusCode.Forbidden && verb == Verb.CreateEvent))
            {
                return WriteOutcome.Gone;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                return WriteOutcome.Rejected(ex.Response.Content);
            }
        }
    }

    private enum Verb
    {
        Apply,
        CreateEvent,
        Delete,
    }
}
