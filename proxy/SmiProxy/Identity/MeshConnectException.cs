namespace SmiProxy.Identity;

/// <summary>
/// Connecting to an endpoint failed (refused, timed out, or the mTLS handshake or identity check
/// failed). SocketsHttpHandler wraps it in an <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestError.ConnectionError"/>, which is what makes a request retryable.
/// </summary>
internal sealed class MeshConnectException : Exception
{
    public MeshConnectException()
    {
    }

    public MeshConnectException(string message)
        : base(message)
    {
    }

    public MeshConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
