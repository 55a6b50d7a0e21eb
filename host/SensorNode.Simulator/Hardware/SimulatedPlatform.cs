using SensorNode.Core.Hardware;

namespace SensorNode.Simulator.Hardware;

/// <summary>The IP link of a virtual node: up unless a test pulls it.</summary>
public sealed class SimulatedNetwork : INetwork
{
    public bool Up { get; set; } = true;

    public bool IsConnected => Up;

    public bool Connect(int timeoutMs) => Up;

    public int RssiDbm { get; set; } = -61;
}

/// <summary>Remembers the LED state (identify blinks it) and counts toggles.</summary>
public sealed class SimulatedStatusLed : IStatusLed
{
    public bool On { get; private set; }

    public int Toggles { get; private set; }

    public void Set(bool on)
    {
        if (on != On) Toggles++;
        On = on;
    }
}

/// <summary>Heap and reboot of a virtual node: a reboot request is counted, and the owner decides what it means.</summary>
public sealed class SimulatedSystemControl : ISystemControl
{
    public uint FreeMemoryBytes { get; set; } = 96 * 1024;

    public int RebootRequests { get; private set; }

    public event Action? RebootRequested;

    public void Reboot()
    {
        RebootRequests++;
        RebootRequested?.Invoke();
    }
}

/// <summary>A USB UART with nothing attached: virtual nodes are provisioned by config, not by serial.</summary>
public sealed class DisconnectedSerialLine : ISerialLine
{
    public int Read(byte[] buffer, int offset, int count) => 0;

    public void Write(byte[] buffer, int offset, int count)
    {
    }
}
