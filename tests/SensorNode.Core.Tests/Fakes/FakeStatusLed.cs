using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    public sealed class FakeStatusLed : IStatusLed
    {
        public bool On;
        public int Changes;

        public void Set(bool on)
        {
            if (on != On)
            {
                Changes++;
            }

            On = on;
        }
    }
}
