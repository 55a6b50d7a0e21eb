namespace SensorNode.Core.Hardware
{
    /// <summary>A temperature sensor (e.g. BME280 on the bearing housing).</summary>
    public interface ITemperatureSensor
    {
        /// <summary>Reads the temperature in °C; false when the sensor did not answer or the value is invalid.</summary>
        bool TryRead(out float celsius);
    }
}
