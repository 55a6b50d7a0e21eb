using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>Counts reboots instead of doing them.</summary>
    public sealed class FakeSystemControl : ISystemControl
    {
        public int RebootCount;

        public uint FreeMemoryBytes => 61440;

        public void Reboot()
        {
            RebootCount++;
        }
    }
}
