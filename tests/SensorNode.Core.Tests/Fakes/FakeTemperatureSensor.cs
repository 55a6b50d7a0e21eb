using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>A temperature sensor returning <see cref="Celsius"/>, or failing on demand.</summary>
    public sealed class FakeTemperatureSensor : ITemperatureSensor
    {
        public float Celsius = 35f;
        public bool Fail;
        public int ReadCount;

        public bool TryRead(out float celsius)
        {
            ReadCount++;
            celsius = Fail ? 0f : Celsius;
            return !Fail;
        }
    }
}
