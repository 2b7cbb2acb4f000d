using Yarp.ReverseProxy.Configuration;

namespace SmiProxy.Configuration;

/// <summary>
/// YARP's config source, shaped like its InMemoryConfigProvider: a volatile snapshot swapped with
/// <see cref="Interlocked.Exchange{T}(ref T, T)"/>, then the old snapshot's token is cancelled so
/// YARP reloads. Only validated, compiled configs are ever handed to it.
/// </summary>
internal sealed class MeshYarpConfigProvider : IProxyConfigProvider
{
    private volatile MeshYarpConfig _config = new(compiled: null);

    public IProxyConfig GetConfig() => _config;

    public void Update(CompiledConfig compiled)
    {
        var old = Interlocked.Exchange(ref _config, new MeshYarpConfig(compiled));
        old.SignalChange();
    }
}
