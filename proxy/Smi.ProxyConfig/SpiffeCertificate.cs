using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Smi.ProxyConfig;

/// <summary>
/// Reads the SPIFFE ID of an X.509-SVID: the certificate's one <c>spiffe://</c> URI subject
/// alternative name. .NET's SAN extension type enumerates DNS names and IPs only, so the URI
/// entries are read from the DER directly.
/// </summary>
public static class SpiffeCertificate
{
    private const string SubjectAltNameOid = "2.5.29.17";
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>
    /// Returns the SPIFFE ID when the certificate has exactly one <c>spiffe://</c> URI SAN (the
    /// X.509-SVID rule); false when it has none, several, or a malformed SAN extension.
    /// </summary>
    public static bool TryGetSpiffeId(X509Certificate2 certificate, out string spiffeId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        spiffeId = string.Empty;
        string? found = null;
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAltNameOid)
            {
                continue;
            }

            try
            {
                var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                while (names.HasData)
                {
                    if (names.PeekTag().HasSameClassAndValue(UriTag))
                    {
                        var uri = names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag);
                        if (uri.StartsWith("spiffe://", StringComparison.OrdinalIgnoreCase))
                        {
                            if (found is not null)
                            {
                                return false;
                            }

                            found = uri;
                        }
                    }
                    else
                    {
                        names.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                return false;
            }
        }

        if (found is null)
        {
            return false;
        }

        spiffeId = found;
        return true;
    }
}
