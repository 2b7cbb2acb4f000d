using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Apply;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;
using Smi.Testing.FakeKubeApi.Webhooks;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// Create, update and patch with the API server's semantics: identity and name checks, namespace
/// existence, optimistic concurrency on resourceVersion, status subresource, generation, custom
/// resource validation and version conversion, CRD establishment, finalizers. Every decision is
/// taken inside the store's atomic read-modify-write, as <c>GuaranteedUpdate</c> does.
/// </summary>
internal sealed partial class ResourceWriter(ResourceRegistry registry, ObjectStore store, VersionConverter converter, CustomResourceValidator? validator, AdmissionWebhooks? admission, TimeProvider time)
{
    public ResourceRegistry Registry => registry;

    public ObjectStore Store => store;

    public VersionConverter Converter => converter;

    public DateTimeOffset Now => time.GetUtcNow();

    public WriteResult Create(ResourceType type, string version, string? ns, JsonObject body, WriteOptions options)
    {
        ObjectRules.CheckIdentity(type, version, ns, null, body);
        if (!options.Seeding && !string.IsNullOrEmpty(Meta.ResourceVersion(body)))
        {
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
        }

        ns = type.Namespaced ? Meta.Namespace(body) : null;
        if (type.Namespaced)
        {
            RequireNamespace(ns!, options);
        }

        // Mutating webhooks run before generateName is resolved (a ReplicaSet's pods have no name yet).
        body = MutatingAdmission("CREATE", type, version, null, body, null, options);
        ObjectRules.CheckIdentity(type, version, ns, null, body);
        ObjectRules.CheckName(type, body);
        var name = Meta.Name(body)!;
        var obj = Validate(type, version, body, null, options);
        obj = converter.ToStorage(type, obj);
        var owned = FieldSet.Leaves(obj, new ListSemantics(type, type.StorageVersion.Name), ManagedFields.Include(null));
        ObjectRules.PrepareCreate(type, obj, Now, keepStatus: options.Seeding);
        CheckObject(type, obj, options);
        Meta.Of(obj).Remove("managedFields");
        if (!options.Seeding)
        {
            var operation = options.ApplyCreate ? "Apply" : "Update";
            var manager = options.ApplyCreate ? options.FieldManager! : options.Manager;
            ManagedFields.Write(obj, [new ManagedFieldsEntry(manager, operation, type.ApiVersionFor(version), Meta.Timestamp(Now), null, owned)]);
        }

        if (type.Key == CrdKey)
        {
            EstablishCrd(obj);
        }

        ValidatingAdmission("CREATE", type, version, null, converter.ToVersion(type, obj, version), null, options);
        var result = store.Mutate(type.Key, ns, name, current => current is null ? Mutation.Put(obj) : throw ApiException.AlreadyExists(type.Plural, name, type.Group), options.DryRun);
        AfterWrite(type, result, options);
        return new WriteResult(201, converter.ToVersion(type, result.Object!, version));
    }

    public WriteResult Update(ResourceType type, string version, string? ns, string name, string? subresource, JsonObject body, WriteOptions options)
    {
        CheckSubresource(type, version, subresource);
        ObjectRules.CheckIdentity(type, version, ns, name, body);
        var result = store.Mutate(type.Key, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type.Plural, name, type.Group);
            }

            var rv = Meta.ResourceVersion(body);
            if (string.IsNullOrEmpty(rv) && type.IsCustom && !options.Seeding)
            {
                throw ApiException.Invalid(type.Kind, name, type.Group, [("metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")]);
            }

            if (!string.IsNullOrEmpty(rv) && rv != Meta.ResourceVersion(current) && !options.Seeding)
            {
                throw ApiException.StaleResourceVersion(type.Plural, name, type.Group);
            }

            return Replace(type, version, current, body, subresource, options);
        }, options.DryRun);
        AfterWrite(type, result, options);
        return new WriteResult(200, converter.ToVersion(type, result.Object!, version));
    }

    public WriteResult Patch(ResourceType type, string version, string? ns, string name, string? subresource, string mediaType, JsonNode? patch, WriteOptions options)
    {
        CheckSubresource(type, version, subresource);
        if (mediaType == PatchTypes.Strategic && type.IsCustom)
        {
            throw ApiException.UnsupportedMediaType(mediaType);
        }

        var result = store.Mutate(type.Key, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type.Plural, name, type.Group);
            }

            var view = converter.ToVersion(type, current, version);
            var patched = mediaType switch
            {
                PatchTypes.Merge => JsonMergePatchOrThrow(view, patch),
                PatchTypes.Json => Patching.JsonPatch.Apply(view, patch),
                PatchTypes.Strategic => Patching.StrategicMergePatch.Apply(view, patch),
                _ => throw ApiException.UnsupportedMediaType(mediaType),
            };
            var rv = Meta.ResourceVersion(patched);
            if (!string.IsNullOrEmpty(rv) && rv != Meta.ResourceVersion(current))
            {
                throw ApiException.StaleResourceVersion(type.Plural, name, type.Group);
            }

            ObjectRules.CheckIdentity(type, version, ns, name, patched);
            return Replace(type, version, current, patched, subresource, options);
        }, options.DryRun);
        AfterWrite(type, result, options);
        return new WriteResult(200, converter.ToVersion(type, result.Object!, version));
    }

    /// <summary>Stores <paramref name="obj"/> as a test's ground truth: created or replaced, status kept.</summary>
    public JsonObject Seed(ResourceType type, JsonObject obj)
    {
        var version = Meta.Str(obj["apiVersion"])!.Split('/')[^1];
        var ns = type.Namespaced ? Meta.Namespace(obj) ?? "default" : null;
        var name = Meta.Name(obj) ?? throw new ArgumentException("a seeded object needs metadata.name", nameof(obj));
        var seeding = new WriteOptions(Seeding: true);
        if (store.Get(type.Key, ns, name) is null)
        {
            return Create(type, version, ns, obj, seeding).Body;
        }

        ObjectRules.CheckIdentity(type, version, ns, name, obj);
        var result = store.Mutate(type.Key, ns, name, current =>
        {
            var next = Replace(type, version, current!, obj, null, seeding);
            if (next.Kind == MutationKind.Put && obj["status"] is not null)
            {
                next.Object!["status"] = converter.ToStorage(type, obj)["status"]?.DeepClone();
            }

            return next;
        });
        AfterWrite(type, result, seeding);
        return converter.ToVersion(type, result.Object!, version);
    }

    internal const string CrdKey = "customresourcedefinitions.apiextensions.k8s.io";

    private Mutation Replace(ResourceType type, string version, JsonObject current, JsonObject incoming, string? subresource, WriteOptions options, bool isApply = false)
    {
        var old = converter.ToVersion(type, current, version);
        incoming = MutatingAdmission("UPDATE", type, version, subresource, incoming, old, options);
        var validated = Validate(type, version, incoming, current, options);
        var storageIncoming = converter.ToStorage(type, validated);
        var next = ObjectRules.PrepareUpdate(type, current, storageIncoming, subresource);
        if (!isApply)
        {
            // Ownership is the server's to keep: a plain update cannot rewrite managedFields.
            if (current["metadata"]?["managedFields"] is { } owned)
            {
                Meta.Of(next)["managedFields"] = owned.DeepClone();
            }
            else
            {
                Meta.Of(next).Remove("managedFields");
            }

            if (!options.Seeding)
            {
                var lists = new ListSemantics(type, type.StorageVersion.Name);
                ManagedFields.RecordUpdate(current, next, options.Manager, subresource, lists, Now);
            }
        }
        else if (storageIncoming["metadata"]?["managedFields"] is { } applied)
        {
            // A write through /status keeps the stored metadata, but the apply's ownership (its entry
            // with subresource "status") is part of what it writes.
            Meta.Of(next)["managedFields"] = applied.DeepClone();
        }

        if (type.Key == CrdKey)
        {
            EstablishCrd(next);
        }

        CheckObject(type, next, options);
        if (Meta.IsDeleting(next) && Meta.Finalizers(next).Count == 0)
        {
            return Mutation.Delete(next);
        }

        ValidatingAdmission("UPDATE", type, version, subresource, converter.ToVersion(type, next, version), old, options);
        return Mutation.Put(next);
    }

    private JsonObject Validate(ResourceType type, string version, JsonObject obj, JsonObject? currentStorage, WriteOptions options)
    {
        // Seeded objects are ground truth, valid or not: a test may need what an older schema let in.
        if (!type.IsCustom || validator is null || options.Seeding)
        {
            return obj;
        }

        var old = currentStorage is null ? null : converter.ToVersion(type, currentStorage, version);
        var served = type.Served(version)!;
        var request = new CustomResourceValidationRequest(type.Crd!.DeepClone().AsObject(), version, served.Schema?.DeepClone().AsObject(), obj.DeepClone().AsObject(), old, options.FieldValidation);
        var result = validator(request);
        var unknown = result.UnknownFields ?? [];
        if (unknown.Count > 0 && options.FieldValidation == "Strict")
        {
            var fields = string.Join(", ", unknown.Select(f => $"unknown field \"{f}\""));
            throw ApiException.BadRequest($"{type.Kind} in version \"{version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
        }

        if (!result.IsValid)
        {
            throw ApiException.Invalid(type.Kind, Meta.Name(obj) ?? string.Empty, type.Group, result.Errors.Select(e => (e.Field, e.Message)).ToList());
        }

        if (options.FieldValidation == "Warn")
        {
            options.Warnings.AddRange(unknown.Select(f => $"unknown field \"{f}\""));
        }

        return result.Object ?? obj;
    }

    private static void CheckObject(ResourceType type, JsonObject obj, WriteOptions options)
    {
        var errors = options.Seeding ? [] : BuiltInValidation.Validate(type, obj);
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(type.Kind, Meta.Name(obj) ?? string.Empty, type.Group, errors);
        }
    }

    private void EstablishCrd(JsonObject crd)
    {
        var errors = CrdReader.Validate(crd);
        if (errors.Count > 0)
        {
            throw ApiException.Invalid("CustomResourceDefinition", Meta.Name(crd) ?? string.Empty, "apiextensions.k8s.io", errors);
        }

        crd["status"] = CrdReader.EstablishedStatus(crd, Now);
    }

    private void RequireNamespace(string ns, WriteOptions options)
    {
        var namespaces = registry.ByKey("namespaces")!;
        var existing = store.Get(namespaces.Key, null, ns);
        if (existing is null)
        {
            if (!options.Seeding)
            {
                throw ApiException.NotFound("namespaces", ns);
            }

            Create(namespaces, "v1", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, options);
        }
        else if (Meta.IsDeleting(existing))
        {
            throw ApiException.Forbidden($"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private static void CheckSubresource(ResourceType type, string version, string? subresource)
    {
        if (subresource is not null && (subresource != "status" || type.Served(version)?.HasStatus != true))
        {
            throw ApiException.NotFoundRoute();
        }
    }

    private static JsonObject JsonMergePatchOrThrow(JsonObject view, JsonNode? patch) =>
        patch is JsonObject
            ? (JsonObject)Patching.JsonMergePatch.Apply(view, patch)!
            : throw ApiException.BadRequest("merge patch must be a JSON object");

    private void AfterWrite(ResourceType type, Mutation result, WriteOptions options)
    {
        if (options.DryRun || result.Object is null)
        {
            return;
        }

        if (result.Kind == MutationKind.Delete)
        {
            Cascade(type, result.Object, orphan: false);
        }
        else if (result.Kind == MutationKind.Put && type.Key == CrdKey)
        {
            registry.Register(CrdReader.Read(result.Object));
        }
    }
}
