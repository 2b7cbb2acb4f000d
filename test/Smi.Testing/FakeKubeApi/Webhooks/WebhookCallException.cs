namespace Smi.Testing.FakeKubeApi.Webhooks;

/// <summary>A webhook could not be called or did not answer a well-formed review.</summary>
internal sealed class WebhookCallException(string message) : Exception(message);
