namespace SensorNode.Sdk.Mqtt;

public enum ConnectionState
{
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
    Stopped,
}

/// <summary>Raised when the broker connection of a feed client or config service changes state.</summary>
public sealed record ConnectionStateChange(ConnectionState State, int Attempt, string? Reason);
