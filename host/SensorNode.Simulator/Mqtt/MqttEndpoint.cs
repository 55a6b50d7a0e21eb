using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace SensorNode.Simulator.Mqtt;

/// <summary>Where virtual nodes connect: host, port and, for TLS, the CA that signed the broker's certificate.
/// Parsed from mqtt://host:port or mqtts://host:port; the node's credentials come from its config.</summary>
public sealed record MqttEndpoint(string Host, int Port)
{
    public bool UseTls { get; init; }

    /// <summary>PEM of the CA the broker's certificate must chain to (TLS only; null = the OS trust store).</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>Name checked against the broker certificate (defaults to <see cref="Host"/>).</summary>
    public string? TlsServerName { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static bool TryParse(string text, out MqttEndpoint? endpoint)
    {
        endpoint = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)) return false;
        var tls = uri.Scheme switch { "mqtt" or "tcp" => (bool?)false, "mqtts" or "ssl" or "tls" => true, _ => null };
        if (tls is null) return false;
        endpoint = new MqttEndpoint(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? (tls.Value ? 8883 : 1883) : uri.Port) { UseTls = tls.Value };
        return true;
    }

    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";

    internal MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder)
    {
        builder.WithTcpServer(Host, Port).WithTimeout(ConnectTimeout);
        if (!UseTls) return builder;
        X509Certificate2? ca = string.IsNullOrEmpty(CaCertificatePem) ? null : X509Certificate2.CreateFromPem(CaCertificatePem);
        return builder.WithTlsOptions(tls => tls
            .UseTls()
            .WithTargetHost(TlsServerName ?? Host)
            .WithCertificateValidationHandler(args => ValidateAgainst(ca, args.Certificate, args.SslPolicyErrors)));
    }

    /// <summary>Accepts the broker certificate only when it chains to the configured CA and names the host.</summary>
    internal static bool ValidateAgainst(X509Certificate2? ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null) return false;
        if (ca is null) return errors == SslPolicyErrors.None;
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var cert = new X509Certificate2(presented);
        return chain.Build(cert);
    }
}
