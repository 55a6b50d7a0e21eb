namespace SensorNode.Flashing;

/// <summary>nf.config, a board profile or a flash option is missing or wrong. The message says what and where.</summary>
public sealed class FlashConfigurationException : Exception
{
    public FlashConfigurationException(string message)
        : base(message)
    {
    }

    public FlashConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
