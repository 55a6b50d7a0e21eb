using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SensorNode.Cli.Broker;

/// <summary>
/// A site CA and the certificates it issues, made with .NET's <see cref="CertificateRequest"/> (no openssl needed):
/// ECDSA P-256 everywhere (mbedTLS on the ESP32 and OpenSSL in Mosquitto both handle it well), PEM out.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private CertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    public X509Certificate2 Certificate { get; }

    public static CertificateAuthority Create(string commonName, TimeSpan lifetime)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={Escape(commonName)}, O=SensorNode"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var certificate = request.CreateSelfSigned(now, now + lifetime);
        return new CertificateAuthority(certificate, key);
    }

    /// <summary>The broker's certificate: serverAuth, with every DNS name and IP address clients will use.</summary>
    public IssuedCertificate IssueServer(string commonName, IEnumerable<string> names, TimeSpan lifetime)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(name);
        }
        return Issue(commonName, lifetime, "1.3.6.1.5.5.7.3.1", san.Build());
    }

    /// <summary>A client certificate whose CN is the MQTT user name (for <c>use_identity_as_username</c>).</summary>
    public IssuedCertificate IssueClient(string commonName, TimeSpan lifetime) => Issue(commonName, lifetime, "1.3.6.1.5.5.7.3.2", null);

    private IssuedCertificate Issue(string commonName, TimeSpan lifetime, string extendedUsageOid, X509Extension? subjectAltNames)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={Escape(commonName)}, O=SensorNode"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedUsageOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (subjectAltNames is not null) request.CertificateExtensions.Add(subjectAltNames);
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore + lifetime;
        if (notAfter > Certificate.NotAfter) notAfter = Certificate.NotAfter;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, serial);
        return new IssuedCertificate(issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), issued.Thumbprint);
    }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public string PrivateKeyPem => _key.ExportPkcs8PrivateKeyPem();

    private static string Escape(string value) => value.Replace("\"", "", StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal).Replace("=", " ", StringComparison.Ordinal);

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}

/// <summary>A certificate and its private key, both PEM.</summary>
public sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem, string Thumbprint);
