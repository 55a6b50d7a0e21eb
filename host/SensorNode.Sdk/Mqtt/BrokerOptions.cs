namespace SensorNode.Sdk.Mqtt;

public enum MqttVersion
{
    V311,
    V500,
}

/// <summary>Where and how the host connects to the MQTT broker. Shared by the feed client and the config service.</summary>
public sealed class BrokerOptions
{
    /// <summary>Broker host name or address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker TCP port (1883 plain, 8883 TLS by convention).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Connect with TLS. Production brokers run TLS only; plain is for loopback development.</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker certificate (the site CA from <c>sensornode broker setup</c>).
    /// When set, the broker certificate must chain to exactly this CA; the system store is not consulted.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>PEM client certificate for certificate authentication (optional).</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Host name expected in the broker certificate; defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    public string? Username { get; set; }

    /// <summary>Password. Never logged; <see cref="ToString"/> redacts it.</summary>
    public string? Password { get; set; }

    /// <summary>MQTT client id. Defaults to a random id per connection owner.</summary>
    public string? ClientId { get; set; }

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>MQTT protocol version, 5.0 by default. 3.1.1 is there for brokers that lack 5.0; Mosquitto honours
    /// shared subscriptions ($share/...) for both.</summary>
    public MqttVersion ProtocolVersion { get; set; } = MqttVersion.V500;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How to retry after a failed connect or a lost connection.</summary>
    public ReconnectPolicy Reconnect { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("Broker host is empty.", nameof(Host));
        if (Port is < 1 or > 65535) throw new ArgumentException($"Broker port {Port} is outside 1..65535.", nameof(Port));
        if (!UseTls && (CaCertificateFile != null || ClientCertificateFile != null))
            throw new ArgumentException("A CA or client certificate is set but UseTls is false.", nameof(UseTls));
        if ((ClientCertificateFile == null) != (ClientKeyFile == null))
            throw new ArgumentException("Client certificate and client key must be given together.", nameof(ClientKeyFile));
        if (Password != null && Username == null)
            throw new ArgumentException("A password is set without a user name.", nameof(Username));
        if (KeepAlive < TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException("KeepAlive must be >= 0 and ConnectTimeout > 0.");
        Reconnect.Validate();
    }

    /// <summary>Connection description safe for logs: the password is never included.</summary>
    public override string ToString() =>
        $"{(UseTls ? "mqtts" : "mqtt")}://{(Username != null ? Username + ":***@" : "")}{Host}:{Port}";
}
