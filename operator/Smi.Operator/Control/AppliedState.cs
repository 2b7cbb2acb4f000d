namespace Smi.Operator.Control;

/// <summary>What <see cref="DesiredStateApplier"/> wrote (for metrics and the reconcile log line).</summary>
/// <param name="ConfigMaps">Proxy ConfigMaps applied.</param>
/// <param name="StaleConfigMaps">Proxy ConfigMaps deleted.</param>
/// <param name="ConfigMapsDone">Stopwatch timestamp when the ConfigMaps were done (the end of a config push).</param>
/// <param name="Secrets">Certificate Secrets applied.</param>
/// <param name="StaleSecrets">Certificate Secrets deleted.</param>
/// <param name="Statuses">Status subresources applied.</param>
/// <param name="Events">Events created.</param>
/// <param name="Rejected">Objects the API server refused as invalid.</param>
internal sealed record AppliedState(int ConfigMaps, int StaleConfigMaps, long ConfigMapsDone, int Secrets, int StaleSecrets, int Statuses, int Events, IReadOnlyList<string> Rejected);
