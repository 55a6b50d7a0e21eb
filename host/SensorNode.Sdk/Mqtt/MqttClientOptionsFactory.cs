using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace SensorNode.Sdk.Mqtt;

/// <summary>Turns <see cref="BrokerOptions"/> into MQTTnet client options (MQTT 5, TLS with a pinned site CA).</summary>
internal static class MqttClientOptionsFactory
{
    public static MqttClientOptions Build(BrokerOptions options, string clientId, bool cleanStart = true)
    {
        options.Validate();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(options.ProtocolVersion == MqttVersion.V311 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500)
            .WithCleanStart(cleanStart)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.ConnectTimeout);
        if (options.Username != null)
            builder = builder.WithCredentials(options.Username, options.Password ?? string.Empty);
        if (options.UseTls)
            builder = builder.WithTlsOptions(BuildTls(options));
        return builder.Build();
    }

    private static MqttClientTlsOptions BuildTls(BrokerOptions options)
    {
        var tls = new MqttClientTlsOptionsBuilder()
            .UseTls(true)
            .WithTargetHost(options.TlsServerName ?? options.Host)
            .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
        if (options.CaCertificateFile != null)
        {
            var roots = LoadCaFile(options.CaCertificateFile);
            tls = tls.WithCertificateValidationHandler(args => ValidateAgainstCa(args.Certificate, args.Chain, args.SslPolicyErrors, roots));
        }
        if (options.ClientCertificateFile != null)
        {
            var clientCertificate = LoadClientCertificate(options.ClientCertificateFile, options.ClientKeyFile!);
            tls = tls.WithClientCertificates(new X509Certificate2Collection(clientCertificate));
        }
        return tls.Build();
    }

    internal static X509Certificate2Collection LoadCaFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CA certificate file '{path}' does not exist.", path);
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception ex)
        {
            throw new InvalidDataException($"CA certificate file '{path}' is not a PEM certificate: {ex.Message}", ex);
        }
        if (roots.Count == 0) throw new InvalidDataException($"CA certificate file '{path}' holds no certificate.");
        return roots;
    }

    private static X509Certificate2 LoadClientCertificate(string certificateFile, string keyFile)
    {
        if (!File.Exists(certificateFile)) throw new FileNotFoundException($"Client certificate file '{certificateFile}' does not exist.", certificateFile);
        if (!File.Exists(keyFile)) throw new FileNotFoundException($"Client key file '{keyFile}' does not exist.", keyFile);
        try
        {
            return X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception ex)
        {
            // The message names files only; key material never reaches an exception text.
            throw new InvalidDataException($"Client certificate '{certificateFile}' and key '{keyFile}' could not be loaded as PEM: {ex.GetType().Name}.", ex);
        }
    }

    /// <summary>Accepts the broker certificate only if it chains to one of <paramref name="roots"/> and names the host.</summary>
    internal static bool ValidateAgainstCa(X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate == null) return false;
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain != null)
        {
            foreach (var element in presentedChain.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
