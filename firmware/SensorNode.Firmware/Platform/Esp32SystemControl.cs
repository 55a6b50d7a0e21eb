using nanoFramework.Runtime.Native;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Platform
{
    /// <summary>Free managed memory and reboot, from nanoFramework.Runtime.Native.</summary>
    public sealed class Esp32SystemControl : ISystemControl
    {
        /// <summary>Runs a garbage collection (without compaction) and returns the free managed heap. nanoFramework has
        /// no cheaper query; the runtime asks once per health message.</summary>
        public uint FreeMemoryBytes => nanoFramework.Runtime.Native.GC.Run(false);

        public void Reboot()
        {
            Power.RebootDevice();
        }
    }
}
