using SensorNode.Core.Config;
using SensorNode.Sdk.Config;

namespace SensorNode.Sdk.Provisioning;

public sealed class SerialProvisionerOptions
{
    /// <summary>Serial device, e.g. "/dev/ttyUSB0" or "COM5".</summary>
    public string PortName { get; set; } = string.Empty;

    public int BaudRate { get; set; } = 115200;

    /// <summary>How long to wait for the answer to one request.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for "test_broker" (the node connects over Wi-Fi first).</summary>
    public TimeSpan BrokerTestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(PortName)) throw new ArgumentException("No serial port given.", nameof(PortName));
        if (BaudRate <= 0) throw new ArgumentException("BaudRate must be > 0.", nameof(BaudRate));
        if (ResponseTimeout <= TimeSpan.Zero || BrokerTestTimeout <= TimeSpan.Zero) throw new ArgumentException("Timeouts must be > 0.");
    }
}

/// <summary>Answer to "hello": who is on the other end of the cable.</summary>
public sealed record NodeIdentity(
    int ProtocolVersion,
    string? FirmwareVersion,
    string? Board,
    string? State,
    string? NodeId,
    string? Site,
    bool Provisioned,
    string? ConfigHash,
    bool HasDraft,
    int MaxLineBytes);

/// <summary>The node's config as read over serial: always redacted (secrets show only as "…Set": true).</summary>
public sealed record ProvisionedConfig(bool IsDraft, string? Hash, string RedactedJson, NodeConfig Config);

/// <summary>One response line, decoded. <see cref="Result"/> is the core's result name ("ok", "invalid_config" ...).</summary>
public sealed record ProvisioningResponse(string? Op, string Result, string? Message, IReadOnlyList<ConfigFieldError> Errors, string RawJson)
{
    public bool IsOk => Result == "ok";
}

/// <summary>The node answered a request with an error; <see cref="Response"/> has the result and the field errors.</summary>
public sealed class ProvisioningException : Exception
{
    public ProvisioningException(string message, ProvisioningResponse? response = null, Exception? inner = null) : base(message, inner)
    {
        Response = response;
    }

    public ProvisioningResponse? Response { get; }
}
